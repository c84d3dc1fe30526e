/**
 * The worker map's first render (docs/contract-stations.md "Scale"): headless Chromium on a
 * 390×844 phone with the CPU slowed down 4× (`Emulation.setCPUThrottlingRate`), signed in as a
 * demo worker, opens /m/map and times how long until the stations layer is drawn — the page sets
 * the performance mark `nx:stations-map-ready` (and `data-ready="true"` on the map) once the
 * clustered markers of the GeoJSON feed are on the map. The time counts from the navigation:
 * HTML, scripts, sign-in check, the map code, `GET /stations.geojson`, clustering and drawing.
 * Target: ≤ 1.5 s with 10,000 stations. Basemap tiles are not waited for (they may be
 * unreachable; the layer does not depend on them).
 *
 * Each run opens a fresh browser context (cold HTTP cache), then reloads the page once (warm:
 * scripts cached, the feed answered from the browser cache or with 304 by its ETag), then opens
 * 首页 and taps the 地图 tab (the app already running: tap → layer drawn).
 *
 * Called by bench/stations.ts with a server it started, or alone against a running server:
 *
 *   npx tsx bench/stations-map.ts --base http://127.0.0.1:4000 --token nx_…
 *   npx tsx bench/stations-map.ts --base http://127.0.0.1:4000 --otp-log server.log
 *   npx tsx bench/stations-map.ts --base http://127.0.0.1:4000        (sign-in code read with the
 *                                     CLI, `nuanxin otp last`, in this shell's environment)
 *
 * Options: --runs N (default 5), --throttle R (default 4), --phone P (default the demo worker
 * 13900000001). A token is created with `npm run cli -- token create --user 13900000001` (on an
 * embedded-database server, before starting it: the data directory is locked while it runs).
 * Writes bench/results/<timestamp>-stations-map.json when run alone. A measurement, not a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchBrowser } from '../e2e/harness.ts';
import { type BenchRow, cli, load, token } from './lib.ts';

/** Performance marks the worker map sets (apps/web/src/features/station-map). */
export const MARKS = {
  page: 'nx:stations-map-page',
  feed: 'nx:stations-feed',
  ready: 'nx:stations-map-ready',
} as const;
export const MAP_RENDER_TARGET_MS = 1500;
const DEMO_WORKER = '13900000001';
/** Where the phone says it is: the centre of 市中区 (WGS-84). */
const WORKER_AT = { latitude: 29.5521, longitude: 103.7656 };

export interface StationsMapBenchOptions {
  /** Base URL of a running server with the demo data (and the generated stations). */
  base: string;
  /** A bearer token of a worker (sent on every request of the page); otherwise SMS sign-in. */
  token?: string;
  /** The SMS code just sent to `phone` (needed without a token). */
  otpCode?: (phone: string, sentBefore: number) => Promise<string>;
  /** How many codes the phone had received before (for `otpCode`, e.g. log lines). */
  otpCount?: (phone: string) => number;
  phone?: string;
  runs?: number;
  /** CPU slow-down factor of `Emulation.setCPUThrottlingRate` (default 4). */
  throttle?: number;
  log?: (line: string) => void;
}

export interface RenderSample {
  /** Navigation start → stations layer drawn, ms. */
  readyMs: number;
  /** Navigation start → the map page starts rendering (app start-up, sign-in check), ms. */
  pageMs: number;
  /** Navigation start → the feed is in and parsed, ms. */
  feedParsedMs: number;
  /** Stations in the layer (features passing the default filters). */
  stations: number;
  /**
   * The feed request (the layer's worker's): duration and bytes over the wire, headers included
   * (a 304 is headers only; 0 when the browser's cache answered); null when no request was made.
   */
  feedMs: number | null;
  feedBytes: number | null;
}

export interface StationsMapBenchResult {
  viewport: { width: number; height: number };
  cpuThrottle: number;
  runs: number;
  stations: number;
  cold: RenderSample[];
  warm: RenderSample[];
  coldP50: number;
  coldMax: number;
  warmP50: number;
  warmMax: number;
  /** With the app open on 首页: tap on the 地图 tab → layer drawn (feed from the HTTP cache), ms. */
  tabMs: number[];
  tabP50: number;
  /**
   * The browser's floor on this machine: a fresh phone context, as throttled, loading one small
   * file of the same server (the app's icon) — navigation start → load event, ms. The map's cold
   * load cannot be faster; compare machines by it.
   */
  floorMs: number[];
  floorP50: number;
  /** Median time from the map page's start to the layer drawn (without app start-up), ms. */
  coldPageToReadyP50: number;
  warmPageToReadyP50: number;
  targetMs: number;
  /** The median cold first render meets the target. */
  withinTarget: boolean;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)]!;
};

async function phoneContext(browser: Browser, opts: StationsMapBenchOptions, state?: string) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: WORKER_AT,
    permissions: ['geolocation'],
    ...(opts.token ? { extraHTTPHeaders: { authorization: `Bearer ${opts.token}` } } : {}),
    ...(state ? { storageState: state } : {}),
  });
}

/** Signs in through the worker app's SMS form; returns the storage state (session cookie). */
async function signIn(browser: Browser, opts: StationsMapBenchOptions, file: string): Promise<void> {
  const phone = opts.phone ?? DEMO_WORKER;
  const ctx = await phoneContext(browser, opts);
  try {
    const page = await ctx.newPage();
    await page.goto(`${opts.base}/m/login`);
    if (!opts.token) {
      if (!opts.otpCode) throw new Error('no --token and no way to read the SMS code');
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
      const before = opts.otpCount?.(phone) ?? 0;
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('button', { name: /秒后重发/ }).waitFor();
      const code = await opts.otpCode(phone, before);
      await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code);
      await page.getByRole('button', { name: /登\s*录/ }).click();
    }
    await page.getByText('常用服务').waitFor({ timeout: 30_000 });
    await ctx.storageState({ path: file });
  } finally {
    await ctx.close();
  }
}

/**
 * The last stations feed request the page or its workers finished (the layer's Web Worker fetches
 * the feed, so the page's own resource timings never list it): duration and bytes on the wire.
 */
function watchFeed(page: Page): () => Promise<{ ms: number; bytes: number } | null> {
  let last: Request | null = null;
  page.on('requestfinished', (r) => {
    if (r.url().includes('/api/v1/stations.geojson')) last = r;
  });
  return async () => {
    const r: Request | null = last;
    last = null;
    if (!r) return null;
    const sizes = await r.sizes();
    return {
      ms: Math.round(r.timing().responseEnd),
      bytes: sizes.responseBodySize + sizes.responseHeadersSize,
    };
  };
}

async function measure(
  page: Page,
  feedRequest: () => Promise<{ ms: number; bytes: number } | null>,
): Promise<RenderSample> {
  const map = page.locator('[data-testid="stations-map"][data-ready="true"]');
  await map.waitFor({ timeout: 120_000 });
  const stations = Number((await map.getAttribute('data-count')) ?? 0);
  // Runs in the page: no named inner functions (the TypeScript runner would wrap them in a helper
  // the page does not have).
  const t = await page.evaluate(
    (names) => {
      const [readyMs, pageMs, feedParsedMs] = names.map((n) =>
        Math.round(performance.getEntriesByName(n, 'mark')[0]?.startTime ?? Number.NaN),
      );
      return {
        readyMs: readyMs ?? Number.NaN,
        pageMs: pageMs ?? Number.NaN,
        feedParsedMs: feedParsedMs ?? Number.NaN,
      };
    },
    [MARKS.ready, MARKS.page, MARKS.feed],
  );
  const feed = await feedRequest();
  return { ...t, feedMs: feed?.ms ?? null, feedBytes: feed?.bytes ?? null, stations };
}

async function throttled(context: BrowserContext, rate: number): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return page;
}

/** Runs the measurement; the browser is launched and closed here. */
export async function measureStationsMap(opts: StationsMapBenchOptions): Promise<StationsMapBenchResult> {
  const runs = opts.runs ?? 5;
  const rate = opts.throttle ?? 4;
  const log = opts.log ?? (() => undefined);
  const base = opts.base.replace(/\/+$/, '');
  const browser = await launchBrowser();
  const stateFile = path.join(
    fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'nx-map-bench-')),
    'state.json',
  );
  const cold: RenderSample[] = [];
  const warm: RenderSample[] = [];
  const tab: number[] = [];
  const floor: number[] = [];
  try {
    await signIn(browser, { ...opts, base }, stateFile);
    for (let i = 0; i < runs; i++) {
      const blank = await phoneContext(browser, opts, stateFile);
      try {
        const page = await throttled(blank, rate);
        await page.goto(`${base}/icons/icon.svg`, { waitUntil: 'load' });
        floor.push(
          // Read as plain fields (this file is typed without the DOM library).
          await page.evaluate(() =>
            Math.round(
              (
                performance.getEntries().find((e) => String(e.entryType) === 'navigation') as unknown as {
                  loadEventEnd: number;
                }
              ).loadEventEnd,
            ),
          ),
        );
      } finally {
        await blank.close();
      }
      const ctx = await phoneContext(browser, opts, stateFile);
      try {
        const page = await throttled(ctx, rate);
        const feedRequest = watchFeed(page);
        await page.goto(`${base}/m/map`, { waitUntil: 'commit' });
        const c = await measure(page, feedRequest);
        await page.reload({ waitUntil: 'commit' });
        const w = await measure(page, feedRequest);
        // The app already open on 首页: tap the 地图 tab.
        await page.goto(`${base}/m`);
        await page.getByText('常用服务').waitFor({ timeout: 60_000 });
        const t0 = await page.evaluate(() => performance.now());
        await page.getByText('地图', { exact: true }).last().click();
        await page.locator('[data-testid="stations-map"][data-ready="true"]').waitFor({ timeout: 120_000 });
        const tabMs = await page.evaluate(
          ([name, start]) =>
            Math.round((performance.getEntriesByName(name, 'mark').pop()?.startTime ?? 0) - start),
          [MARKS.ready, t0] as const,
        );
        cold.push(c);
        warm.push(w);
        tab.push(tabMs);
        const steps = (x: RenderSample) =>
          `${x.readyMs} ms (page ${x.pageMs}, feed ${x.feedMs ?? '–'} ms/${x.feedBytes ?? '–'} B parsed at ${x.feedParsedMs})`;
        log(
          `  run ${i + 1}/${runs}: cold ${steps(c)}; warm ${steps(w)}; tab ${tabMs} ms; floor ${floor[i]} ms; ${c.stations} stations`,
        );
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
  }
  const coldMs = cold.map((s) => s.readyMs);
  const warmMs = warm.map((s) => s.readyMs);
  const result: StationsMapBenchResult = {
    viewport: { width: 390, height: 844 },
    cpuThrottle: rate,
    runs,
    stations: cold[0]?.stations ?? 0,
    cold,
    warm,
    coldP50: median(coldMs),
    coldMax: Math.max(...coldMs),
    warmP50: median(warmMs),
    warmMax: Math.max(...warmMs),
    tabMs: tab,
    tabP50: median(tab),
    floorMs: floor,
    floorP50: median(floor),
    coldPageToReadyP50: median(cold.map((s) => s.readyMs - s.pageMs)),
    warmPageToReadyP50: median(warm.map((s) => s.readyMs - s.pageMs)),
    targetMs: MAP_RENDER_TARGET_MS,
    withinTarget: median(coldMs) <= MAP_RENDER_TARGET_MS,
  };
  return result;
}

/**
 * The measurement for bench/stations.ts (append it to its `MEASUREMENTS`): signs the demo worker
 * in with a bearer token made by the CLI on the run's database and adds three rows — cold first
 * load, warm reload, tap on the 地图 tab. The p95 column holds the slowest of the runs.
 */
export async function stationsMapMeasurement(ctx: {
  base: string;
  env: NodeJS.ProcessEnv;
  mapRuns?: number;
  add(row: BenchRow): void;
}): Promise<void> {
  const auth = token(DEMO_WORKER, ctx.env).authorization ?? '';
  const r = await measureStationsMap({
    base: ctx.base,
    token: auth.replace(/^Bearer /, ''),
    runs: ctx.mapRuns ?? 5,
    log: (l) => console.log(l),
  });
  const note = `${r.runs} runs, 390×844, CPU ×${r.cpuThrottle}, ${r.stations} stations in the layer, load ${load()
    .slice(0, 1)
    .join('')} at the end`;
  const row = (measure: string, xs: readonly number[], target: boolean, extra: string): BenchRow => {
    const p50 = median(xs);
    return {
      measure,
      requests: xs.length,
      perSecond: 1000 / p50,
      p50,
      p95: Math.max(...xs),
      target: target ? `p50 ≤ ${MAP_RENDER_TARGET_MS} ms` : '–',
      met: target ? p50 <= MAP_RENDER_TARGET_MS : null,
      note: `${note}; ${extra}`,
    };
  };
  ctx.add(
    row(
      'baseline: a one-file page, first load (browser)',
      r.floorMs,
      false,
      "the app's icon, fresh context as throttled: this machine's floor for any page",
    ),
  );
  ctx.add(
    row(
      'worker map: first load → stations drawn (browser)',
      r.cold.map((x) => x.readyMs),
      true,
      `navigation start; from the map page's start p50 ${r.coldPageToReadyP50} ms`,
    ),
  );
  ctx.add(
    row(
      'worker map: reload → stations drawn (browser)',
      r.warm.map((x) => x.readyMs),
      false,
      `scripts and feed cached; from the map page's start p50 ${r.warmPageToReadyP50} ms`,
    ),
  );
  ctx.add(row('worker map: tap 地图 tab → stations drawn (browser)', r.tabMs, false, 'app open on 首页'));
}

// ---------------------------------------------------------------------------------------------
// Alone: npx tsx bench/stations-map.ts --base <url>

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** SMS codes of the development sender, read from a server log file. */
function logReader(file: string) {
  const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const lines = (phone: string) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('SMS (development sender)') && l.includes(masked(phone)));
  return {
    count: (phone: string) => lines(phone).length,
    code: async (phone: string, before: number) => {
      for (let i = 0; i < 100; i++) {
        const all = lines(phone);
        const code = all.length > before ? all[all.length - 1]?.match(/验证码是(\d{6})/)?.[1] : undefined;
        if (code) return code;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no SMS code for ${masked(phone)} in ${file}`);
    },
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const base = arg(argv, 'base');
  if (!base) {
    console.error(
      'usage: npx tsx bench/stations-map.ts --base <url> [--token nx_…] [--otp-log file] [--runs N]',
    );
    process.exit(2);
  }
  const token = arg(argv, 'token') ?? process.env.NUANXIN_BENCH_TOKEN;
  const otpLog = arg(argv, 'otp-log');
  let otpCode: StationsMapBenchOptions['otpCode'];
  let otpCount: StationsMapBenchOptions['otpCount'];
  if (!token && otpLog) {
    const r = logReader(otpLog);
    otpCode = r.code;
    otpCount = r.count;
  } else if (!token) {
    otpCode = async (phone) => cli(['otp', 'last', '--phone', phone], {}).trim().split('\n').pop()!.trim();
  }
  console.log(`worker map first render: ${base}/m/map, 390×844, CPU ×${Number(arg(argv, 'throttle') ?? 4)}`);
  const result = await measureStationsMap({
    base,
    token,
    otpCode,
    otpCount,
    phone: arg(argv, 'phone'),
    runs: Number(arg(argv, 'runs') ?? 5),
    throttle: Number(arg(argv, 'throttle') ?? 4),
    log: (l) => console.log(l),
  });
  console.log(
    `stations layer drawn (from navigation): cold p50 ${result.coldP50} ms (max ${result.coldMax}), ` +
      `warm p50 ${result.warmP50} ms (max ${result.warmMax}); from the map page's start: cold p50 ` +
      `${result.coldPageToReadyP50} ms, warm p50 ${result.warmPageToReadyP50} ms; tap on the 地图 tab p50 ` +
      `${result.tabP50} ms; a one-file page (this machine's floor) p50 ${result.floorP50} ms; ${result.stations} stations; ` +
      `target ≤ ${result.targetMs} ms: ${result.withinTarget ? 'met' : 'NOT met'}`,
  );
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.join(
    root,
    'bench/results',
    `${new Date().toISOString().replace(/[:.]/g, '-')}-stations-map.json`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ base, at: new Date().toISOString(), loadAverage: load(), ...result }, null, 2)}\n`,
  );
  console.log(`written ${path.relative(root, out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
