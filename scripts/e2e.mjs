#!/usr/bin/env node
// `npm run test:e2e`: only the browser journeys (installs Chromium and the CJK fonts first when
// missing, as `npm test` does). Expects a built web app: run `npm run build` first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  ensureSystemDeps();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const r = spawnSync('npx', ['tsx', 'e2e/run.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
