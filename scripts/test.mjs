#!/usr/bin/env node
// `npm test`: the whole suite, in order, with output streamed as it runs.
//   0. system packages for the browser journeys (Chromium, Noto CJK fonts; installed when root)
//   1. vitest run           unit, database and HTTP tests (DB tests also on PostgreSQL when
//                           TEST_DATABASE_URL is set)
//   2. web build            npm run build -w @nuanxin/web
//   3. browser journeys     npx tsx e2e/run.ts (prints "e2e: N passed, M failed")
// Exits non-zero when any step fails. The last line is always `N passed, M failed`: vitest tests
// plus e2e journeys; a step that fails without reporting a failed test (a crash, a failed build,
// a skipped step) adds one to the failed count so the totals never read as green by mistake.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const vitestJson = path.join(resultsDir, 'vitest.json');
// Colours when a person watches; plain text in CI logs (tools that force colours otherwise).
const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : process.env.FORCE_COLOR ? {} : { NO_COLOR: '1' };

/** Runs a command with output streamed to ours; resolves with its exit code and output. */
function run(cmd, args, { capture = false } = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
      env: { ...process.env, ...color },
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        process.stdout.write(d);
        output += d;
      });
      child.stderr.on('data', (d) => {
        process.stderr.write(d);
        output += d;
      });
    }
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve({ code: 1, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function header(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);
}

const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const steps = [];
let passed = 0;
let failed = 0;

function record(name, ok, t0, note = '') {
  steps.push({ name, ok, time: seconds(t0), note });
}

async function main() {
  const tAll = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });

  header('System packages');
  let t0 = Date.now();
  let browserReady = true;
  try {
    ensureSystemDeps();
    console.log('Chromium and Noto CJK fonts are installed.');
    record('system packages', true, t0);
  } catch (err) {
    console.error(`\n${err.message}`);
    browserReady = false;
    record('system packages', false, t0);
    failed += 1;
  }

  header('Unit, database and HTTP tests (vitest)');
  t0 = Date.now();
  fs.rmSync(vitestJson, { force: true });
  const vitest = await run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${path.relative(root, vitestJson)}`,
  ]);
  let vitestNote = '';
  let vitestFailedTests = 0;
  try {
    const report = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
    passed += report.numPassedTests ?? 0;
    // A file that fails to load (syntax error, failing import) has no failed test of its own.
    const brokenFiles = (report.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length;
    vitestFailedTests = (report.numFailedTests ?? 0) + brokenFiles;
    failed += vitestFailedTests;
    vitestNote = `${report.numPassedTests} passed, ${report.numFailedTests} failed`;
    if (brokenFiles) vitestNote += `, ${brokenFiles} files failed to run`;
    if (report.numTotalTests === 0) vitestNote += ' (no tests found)';
  } catch {
    vitestNote = `no JSON report at ${path.relative(root, vitestJson)}`;
  }
  if (vitest.code !== 0 && vitestFailedTests === 0) failed += 1;
  record('vitest', vitest.code === 0, t0, vitestNote);

  header('Web build');
  t0 = Date.now();
  const build = await run('npm', ['run', 'build', '-w', '@nuanxin/web']);
  if (build.code !== 0) failed += 1;
  record('web build', build.code === 0, t0);

  header('Browser journeys (e2e)');
  t0 = Date.now();
  if (build.code !== 0 || !browserReady) {
    const why = build.code !== 0 ? 'the web build failed' : 'Chromium or the CJK fonts are missing';
    console.log(`Skipped: ${why}.`);
    failed += 1;
    record('e2e', false, t0, `skipped: ${why}`);
  } else if (!fs.existsSync(path.join(root, 'e2e/run.ts'))) {
    console.error('e2e/run.ts does not exist.');
    failed += 1;
    record('e2e', false, t0, 'e2e/run.ts missing');
  } else {
    const e2e = await run('npx', ['tsx', 'e2e/run.ts'], { capture: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strip ANSI colours
    const plain = e2e.output.replace(/\x1b\[[0-9;]*m/g, '');
    const matches = [...plain.matchAll(/e2e:\s*(\d+) passed,\s*(\d+) failed/g)];
    const m = matches.at(-1);
    let note = 'no "e2e: N passed, M failed" line';
    let journeysFailed = 0;
    if (m) {
      passed += Number(m[1]);
      journeysFailed = Number(m[2]);
      failed += journeysFailed;
      note = `${m[1]} passed, ${m[2]} failed`;
    }
    if (e2e.code !== 0 && journeysFailed === 0) failed += 1;
    if (e2e.code === 0 && !m) failed += 1;
    record('e2e', e2e.code === 0 && !!m, t0, note);
  }

  header('Summary');
  for (const s of steps) {
    console.log(`  ${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(16)} ${s.time.padStart(8)}  ${s.note}`);
  }
  console.log(`  total ${seconds(tAll)}`);
  const ok = steps.every((s) => s.ok);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = ok && failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  console.log('\n0 passed, 1 failed');
  process.exitCode = 1;
});
