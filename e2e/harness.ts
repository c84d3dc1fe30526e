import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Browser-journey harness: starts the real server on a free port with a fresh data directory
 * (embedded PostgreSQL, demo seed), waits for /readyz, and drives Debian's Chromium.
 * SMS codes are read from the development sender's log line ('SMS (development sender)').
 */
export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  baseUrl: string;
  dataDir: string;
  /** Latest SMS code sent to a phone (matched by its masked form 139****0001). */
  smsCode(phone: string, timeoutMs?: number, after?: number): Promise<string>;
  /** How many SMS the phone has received so far (pass it to smsCode to wait for a newer one). */
  smsCount(phone: string): number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(): Promise<Server> {
  const port = Number(process.env.E2E_PORT) || (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanxin-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      NUANXIN_DATA_DIR: dataDir,
      NUANXIN_PUBLIC_URL: baseUrl,
      NUANXIN_JOBS: 'off',
      NUANXIN_RATE_LIMIT_MAX: '10000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  fs.mkdirSync(RESULTS, { recursive: true });

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    fs.writeFileSync(path.join(RESULTS, 'server.log'), log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${child.exitCode}:\n${log.slice(-3000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready in 180 s:\n${log.slice(-3000)}`);
    }
    await sleep(500);
  }

  const smsLines = (phone: string) => {
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    return log.split('\n').filter((l) => l.includes('SMS (development sender)') && l.includes(masked));
  };
  const smsCount = (phone: string) => smsLines(phone).length;
  const smsCode = async (phone: string, timeoutMs = 10_000, after = 0): Promise<string> => {
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const lines = smsLines(phone);
      const last = lines.length > after ? lines[lines.length - 1] : undefined;
      const code = last?.match(/验证码是(\d{6})/)?.[1] ?? last?.match(/\b(\d{6})\b/)?.[1];
      if (code) return code;
      if (Date.now() > until) throw new Error(`no SMS code for ${masked} in the server log`);
      await sleep(200);
    }
  };

  return { baseUrl, dataDir, smsCode, smsCount, stop };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function newPage(
  browser: Browser,
  opts: { viewport: { width: number; height: number }; mobile?: boolean },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: opts.viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
    deviceScaleFactor: opts.mobile ? 2 : 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}
