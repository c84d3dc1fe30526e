// Makes sure the system packages the browser journeys need are present: Debian's Chromium at
// /usr/bin/chromium and the Noto CJK fonts (so Chinese text renders in screenshots).
// As root it installs them with apt-get; otherwise it stops with the command to run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'fonts-noto-cjk'];

function hasCjkFonts() {
  const dpkg = spawnSync('dpkg', ['-s', 'fonts-noto-cjk'], { encoding: 'utf8' });
  if (dpkg.status === 0 && /Status: install ok installed/.test(dpkg.stdout)) return true;
  const fc = spawnSync('fc-list', { encoding: 'utf8' });
  return fc.status === 0 && /Noto Sans CJK/i.test(fc.stdout);
}

/** Returns the list of missing pieces (empty when everything is there). */
export function missingSystemDeps() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (!hasCjkFonts()) missing.push('fonts-noto-cjk');
  return missing;
}

function run(cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

/**
 * Installs Chromium and the CJK fonts when they are missing. Throws with a clear message when
 * they cannot be installed.
 */
export function ensureSystemDeps() {
  const missing = missingSystemDeps();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Missing system packages for the browser tests: ${missing.join(', ')}.\n` +
        `Install them as root, then run the tests again:\n\n    sudo sh -c '${command}'\n`,
    );
  }
  console.log(`Installing missing system packages (${missing.join(', ')}) with apt-get…`);
  if (run('apt-get', ['update']) !== 0) {
    throw new Error(`"apt-get update" failed; fix the package sources, then run:\n    ${command}`);
  }
  if (run('apt-get', ['install', '-y', ...APT_PACKAGES]) !== 0) {
    throw new Error(`"apt-get install" failed; fix the error above, then run:\n    ${command}`);
  }
  const still = missingSystemDeps();
  if (still.length > 0) {
    throw new Error(`Still missing after apt-get install: ${still.join(', ')}`);
  }
}
