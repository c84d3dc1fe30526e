/**
 * `npm run bench:stations` — the station map's server side on PostgreSQL with generated stations.
 * See docs/benchmarks.md ("Stations at scale").
 *
 *   npm run bench:stations                       10,000 generated stations
 *   npm run bench:stations -- --count 50000      more
 *   npm run bench:stations -- --duration 20      seconds per measured loop (default 10)
 *   npm run bench:stations -- --connections 4    concurrent clients (default 2)
 *   npm run bench:stations -- --keep             keep the fresh database afterwards
 *   npm run bench:stations -- --map-runs 3       runs of the worker map's render (default 5)
 *   npm run bench:stations -- --no-map           without the browser measurement
 *
 * Steps: a fresh database, the demo data and `nuanxin generate stations --count N`, the query
 * plan of the nearby search (it must use the GiST index), then the real server and, in order:
 * a baseline (a static public answer: the HTTP floor of the machine right now); nearby searches at
 * random points, radii and filters over HTTP, and the same statements straight to PostgreSQL; the
 * GeoJSON feed right after a change (sequential: a keeper's tap, then a full answer the server
 * must rebuild), with unchanged data (the kept body), and revalidated with `If-None-Match` (304).
 * The feed is read without decompressing (gzip bytes on the wire). Prints a table and writes
 * bench/results/<timestamp>-stations.json with the load average and the nearby query plan. A
 * measurement, not a test.
 *
 * Last, the worker map's first render in headless Chromium with the CPU slowed down 4×
 * (bench/stations-map.ts: cold load, reload, tap on the tab). Every row notes the load average when
 * it was taken and the server's CPU per request (/proc). Measurements are the functions of
 * {@link MEASUREMENTS}, each given the run's {@link StationBenchContext}; append one to add rows.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { StationKind } from '@nuanxin/shared';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { nearbySql } from '../apps/server/src/modules/stations/stations.repository.ts';
import { NEAREST_FIRST_OPTIONS } from '../apps/server/src/platform/db/client.ts';
import {
  type BenchRow,
  type Child,
  cli,
  cpuSeconds,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  type LoopResult,
  load,
  parseOptions,
  percentile,
  pick,
  pointNear,
  printTable,
  serverEnv,
  startServer,
  stopChild,
  tempDataDir,
  timedLoop,
  token,
  writeResults,
} from './lib.ts';
import { stationsMapMeasurement } from './stations-map.ts';

const TARGETS = { nearbyP95: 10, feedUncachedP95: 100 };
const CENTRES = [
  { lat: 29.5521, lng: 103.7656 },
  { lat: 29.4124, lng: 103.5494 },
];
const RADII = [500, 1000, 2000, 3000, 5000, 10000, 20000];
/** Query-string filters the worker app sends, picked at random per request. */
const FILTERS = [
  '',
  '',
  '&openNow=true',
  '&service=water',
  '&service=meal_heating&service=water',
  '&kind=copper_heart',
  '&kind=rider_bar&openNow=true',
  '&service=ebike_charging',
];

const parseArgs = (argv: string[]) =>
  parseOptions(
    argv,
    { count: 10_000, duration: 10, connections: 2, keep: false, mapRuns: 5, noMap: false },
    'npm run bench:stations -- [--count N] [--duration S] [--connections N] [--map-runs N] [--no-map] [--keep]',
    ['count', 'connections', 'mapRuns'],
  );

/** A point within ~15 km of a district centre. */
const point = () => pointNear(CENTRES);

/** A row of the table (kept under this name for the measurements that import it). */
export type Row = BenchRow;

/** What a measurement gets: the running server, the database, the options, and where to put rows. */
export interface StationBenchContext {
  base: string;
  env: NodeJS.ProcessEnv;
  sql: pg.Pool;
  /** Sessions as the server's `Database.nearestFirst` opens them (no bitmap scans). */
  walkSql: pg.Pool;
  stations: number;
  duration: number;
  connections: number;
  /** Runs of the worker map's first render (`--map-runs`; 0 with `--no-map`). */
  mapRuns: number;
  add(row: Row): void;
  loop(fn: () => { url: string; init?: RequestInit }, ok?: (status: number) => boolean): Promise<LoopResult>;
}

export type StationBenchMeasurement = (ctx: StationBenchContext) => Promise<void>;

/** The server's process (tsx and its node child), for CPU time per request from /proc. */
let serverPid = 0;
/** CPU per request of a loop: the server's tree, and every PostgreSQL process on the machine. */
interface CpuPerRequest {
  serverUs: number;
  databaseUs: number;
}
const cpu = new WeakMap<LoopResult, CpuPerRequest>();

function cpuPerRequest(
  before: { server: number; database: number },
  after: { server: number; database: number },
  requests: number,
): CpuPerRequest {
  const per = (x: number) => (requests > 0 ? (x * 1e6) / requests : Number.NaN);
  return { serverUs: per(after.server - before.server), databaseUs: per(after.database - before.database) };
}

/** `server 850 µs/req, db ≤ 400 µs/req` (the database figure counts every PostgreSQL process). */
function cpuNote(c: CpuPerRequest | undefined): string {
  if (!c || !Number.isFinite(c.serverUs)) return '';
  return `server CPU ${c.serverUs.toFixed(0)} µs/req, PostgreSQL CPU ≤ ${c.databaseUs.toFixed(0)} µs/req`;
}

const joinNotes = (...xs: (string | undefined)[]) => xs.filter(Boolean).join('; ') || undefined;

function loopRow(measure: string, r: LoopResult, targetMs: number | null, note?: string): Row {
  return {
    measure,
    requests: r.requests,
    perSecond: r.perSecond,
    p50: r.p50,
    p95: r.p95,
    target: targetMs === null ? '–' : `p95 ≤ ${targetMs} ms`,
    met: targetMs === null ? null : r.p95 <= targetMs && r.failures === 0,
    note: joinNotes(
      r.failures ? `${r.failures} failed: ${JSON.stringify(r.statuses)}` : note,
      cpuNote(cpu.get(r)),
    ),
  };
}

/** Nearby searches at random points, radii and filters (the worker app's list and map). */
const nearby: StationBenchMeasurement = async (ctx) => {
  const counts: number[] = [];
  const next = () => {
    const p = point();
    return {
      url: `${ctx.base}/api/v1/stations/nearby?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&radius=${pick(RADII)}${pick(FILTERS)}`,
    };
  };
  // How many stations an answer holds, for the note.
  for (let i = 0; i < 50; i++) {
    const { url } = next();
    const r = await fetch(url);
    if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    counts.push(((await r.json()) as { items: unknown[] }).items.length);
  }
  counts.sort((a, b) => a - b);
  await timedLoop(2, ctx.connections, next);
  const r = await ctx.loop(next);
  ctx.add(
    loopRow(
      'nearby (random point, radius 0.5–20 km, filters)',
      r,
      TARGETS.nearbyP95,
      `stations per answer: median ${percentile(counts, 50)}, p95 ${percentile(counts, 95)} (limit 50)`,
    ),
  );
};

/** One GET without decompressing (the server's time to deliver the bytes): latency, status, bytes. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number; bytes: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** Timed loop of raw GETs (no decompression on the client), like `timedLoop`. */
async function rawLoop(
  ctx: StationBenchContext,
  next: () => { url: string; headers: Record<string, string> },
  ok: (status: number) => boolean,
): Promise<LoopResult & { bytes: number }> {
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let bytes = 0;
  const before = cpuSeconds(serverPid);
  const t0 = performance.now();
  const end = t0 + ctx.duration * 1000;
  await Promise.all(
    Array.from({ length: ctx.connections }, async () => {
      while (performance.now() < end) {
        const { url, headers } = next();
        const r = await rawGet(url, headers);
        lat.push(r.ms);
        bytes = r.bytes;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (!ok(r.status)) failures++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const after = cpuSeconds(serverPid);
  lat.sort((a, b) => a - b);
  const r = {
    requests: lat.length,
    perSecond: lat.length / secs,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat.at(-1) ?? Number.NaN,
    failures,
    statuses,
    bytes,
  };
  cpu.set(r, cpuPerRequest(before, after, r.requests));
  return r;
}

const GZIP = { 'accept-encoding': 'gzip' };

/**
 * The GeoJSON feed without a validator, built anew: before each request a keeper's tap through the
 * API (`POST /stations/:id/live` as the 沙湾区 administrator) changes one station, so the server
 * reads the changed data and compresses the feed again. Only the GET is timed.
 */
const feedRebuilt: StationBenchMeasurement = async (ctx) => {
  const url = `${ctx.base}/api/v1/stations.geojson`;
  const admin = token('13800000002', ctx.env);
  const ids = (
    await ctx.sql.query<{ id: string }>(
      `select id from station where status = 'active' and region_code like '511111%' limit 500`,
    )
  ).rows;
  // The server builds the feed when it starts listening (every station rendered and compressed);
  // the first request after that is a row of its own, not one of the rebuilds.
  const firstBefore = cpuSeconds(serverPid);
  const first = await rawGet(url, GZIP);
  const firstCpu = cpuSeconds(serverPid).server - firstBefore.server;
  if (first.status !== 200) throw new Error(`GET ${url}: ${first.status}`);
  ctx.add({
    measure: 'GeoJSON feed, first request after the server started',
    requests: 1,
    perSecond: 1000 / first.ms,
    p50: first.ms,
    p95: first.ms,
    target: '–',
    met: null,
    note: `built at start-up, in the background; server CPU ${(firstCpu * 1000).toFixed(0)} ms for this request`,
  });
  const times: number[] = [];
  let bytes = 0;
  let serverCpu = 0;
  const runs = Math.max(10, Math.round(ctx.duration * 2));
  for (let i = 0; i < runs; i++) {
    const tap = await fetch(`${ctx.base}/api/v1/stations/${pick(ids).id}/live`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ liveStatus: i % 2 ? 'open' : 'busy' }),
    });
    if (!tap.ok) throw new Error(`live status: ${tap.status} ${(await tap.text()).slice(0, 200)}`);
    const before = cpuSeconds(serverPid);
    const r = await rawGet(url, GZIP);
    const after = cpuSeconds(serverPid);
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
    times.push(r.ms);
    serverCpu += after.server - before.server;
    bytes = r.bytes;
  }
  const sorted = [...times].sort((a, b) => a - b);
  ctx.add({
    measure: 'GeoJSON feed, full answer after a change (built)',
    requests: runs,
    perSecond: 1000 / percentile(sorted, 50),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    target: `p95 ≤ ${TARGETS.feedUncachedP95} ms`,
    met: percentile(sorted, 95) <= TARGETS.feedUncachedP95,
    note: `sequential, each after a keeper's tap through the API; ${(bytes / 1024).toFixed(0)} KiB gzip on the wire; server CPU ${((serverCpu * 1000) / runs).toFixed(1)} ms per build (/proc, 10 ms ticks)`,
  });
};

/** The GeoJSON feed without a validator, data unchanged: the body kept for its ETag. */
const feedKept: StationBenchMeasurement = async (ctx) => {
  const url = `${ctx.base}/api/v1/stations.geojson`;
  const plain = await fetch(url);
  const features = ((await plain.json()) as { features: unknown[] }).features.length;
  const r = await rawLoop(
    ctx,
    () => ({ url, headers: GZIP }),
    (s) => s === 200,
  );
  ctx.add(
    loopRow(
      'GeoJSON feed, full answer, unchanged data',
      r,
      TARGETS.feedUncachedP95,
      `${features} features, ${(r.bytes / 1024).toFixed(0)} KiB gzip on the wire`,
    ),
  );
};

/** The GeoJSON feed revalidated: If-None-Match with the current ETag → 304. */
const feedConditional: StationBenchMeasurement = async (ctx) => {
  const url = `${ctx.base}/api/v1/stations.geojson`;
  const etag = (await fetch(url)).headers.get('etag') ?? '';
  const r = await rawLoop(
    ctx,
    () => ({ url, headers: { 'if-none-match': etag } }),
    (s) => s === 304,
  );
  ctx.add(loopRow('GeoJSON feed, If-None-Match → 304', r, null));
};

/** The nearby statement alone, straight to PostgreSQL: what the database spends. */
const nearbySqlOnly: StationBenchMeasurement = async (ctx) => {
  const dialect = new PgDialect();
  const lat: number[] = [];
  const before = cpuSeconds(serverPid);
  const end = performance.now() + ctx.duration * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    const p = point();
    const filter = pick(FILTERS);
    const f = {
      lat: p.lat,
      lng: p.lng,
      radius: pick(RADII),
      services: [...filter.matchAll(/service=([a-z_]+)/g)].map((m) => m[1]!),
      kind: (/kind=([a-z_]+)/.exec(filter)?.[1] as StationKind | undefined) ?? undefined,
      openNow: filter.includes('openNow'),
      limit: 50,
      at: { minuteOfWeek: 2 * 1440 + 600, minuteOfDay: 600, holiday: false },
    };
    const q = dialect.sqlToQuery(nearbySql(f));
    // As the server runs it (`nearbyStations` inside `nearestFirst`): one statement on a session
    // without bitmap scans.
    const s = performance.now();
    await ctx.walkSql.query(q.sql, q.params);
    lat.push(performance.now() - s);
  }
  const c = cpuPerRequest(before, cpuSeconds(serverPid), lat.length);
  lat.sort((a, b) => a - b);
  ctx.add({
    measure: 'nearby SQL alone (one client, no HTTP)',
    requests: lat.length,
    perSecond: lat.length / ((performance.now() - t0) / 1000),
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    target: '–',
    met: null,
    note: `the same random points, radii and filters; PostgreSQL CPU ≤ ${c.databaseUs.toFixed(0)} µs/query`,
  });
};

/** The HTTP floor of this machine now: a small public answer that reads nothing. */
const baseline: StationBenchMeasurement = async (ctx) => {
  const url = `${ctx.base}/api/v1/config/map`;
  const r = await ctx.loop(() => ({ url }));
  ctx.add(loopRow('baseline: GET /api/v1/config/map', r, null, 'static JSON, no database'));
};

/** The measurements of a run, in order; append to add one (e.g. the worker map's first render). */
export const MEASUREMENTS: StationBenchMeasurement[] = [
  baseline,
  nearby,
  nearbySqlOnly,
  feedRebuilt,
  feedKept,
  feedConditional,
  // The worker map's first render in headless Chromium (bench/stations-map.ts).
  async (ctx) => {
    if (ctx.mapRuns > 0) await stationsMapMeasurement(ctx);
  },
];

async function explainNearby(walkPool: pg.Pool): Promise<{ usesIndex: boolean; plan: string }> {
  // The very statement the server runs for the app's 20 km search with a filter and open now, with
  // its parameters and, as there, on a session without bitmap scans.
  const q = new PgDialect().sqlToQuery(
    nearbySql({
      lat: 29.5521,
      lng: 103.7656,
      radius: 20_000,
      services: ['water'],
      openNow: true,
      limit: 50,
      at: { minuteOfWeek: 2 * 1440 + 600, minuteOfDay: 600, holiday: false },
    }),
  );
  const { rows } = await walkPool.query<{ 'QUERY PLAN': string }>(`explain analyze ${q.sql}`, q.params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  // The index walked nearest first (`Order By` on the index scan), not a bitmap of the box.
  return { usesIndex: plan.includes('station_geo_idx') && plan.includes('Order By:'), plan };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const dataDir = tempDataDir();
  let dbName = '';
  let server: Child | undefined;
  const cleanup = async () => {
    await stopChild(server);
    if (dbName && !o.keep) await dropDatabase(dbName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    dbName = await createDatabase();
    const port = await freePort();
    const env = serverEnv(databaseUrl(dbName), port, dataDir);
    console.log(`Database ${dbName} (fresh); load ${load().join(' ')}`);
    console.log('Loading the demo data…');
    let t = performance.now();
    cli(['seed', 'demo'], env);
    const seedSeconds = (performance.now() - t) / 1000;
    console.log(`Generating ${o.count.toLocaleString('en-US')} stations…`);
    t = performance.now();
    console.log(cli(['generate', 'stations', '--count', String(o.count)], env, true).trim());
    const generatorSeconds = (performance.now() - t) / 1000;

    const sqlPool = new pg.Pool({ connectionString: databaseUrl(dbName), max: 4 });
    // An idle client the server ends (a restart, another run's clean-up) must not end the run.
    sqlPool.on('error', (err) => console.error(`  (database pool: ${err.message})`));
    const stations = Number(
      (await sqlPool.query(`select count(*)::int as n from station where status = 'active'`)).rows[0]?.n ?? 0,
    );
    const walkPool = new pg.Pool({
      connectionString: databaseUrl(dbName),
      max: 2,
      options: NEAREST_FIRST_OPTIONS,
    });
    walkPool.on('error', (err) => console.error(`  (database pool: ${err.message})`));
    const explain = await explainNearby(walkPool);
    console.log(`Nearby plan walks station_geo_idx nearest first: ${explain.usesIndex ? 'yes' : 'NO'}`);
    const s = await startServer(env);
    server = s.child;
    serverPid = s.child.proc.pid ?? 0;

    const rows: Row[] = [];
    const ctx: StationBenchContext = {
      base: s.base,
      env,
      sql: sqlPool,
      walkSql: walkPool,
      stations,
      duration: o.duration,
      connections: o.connections,
      mapRuns: o.noMap ? 0 : o.mapRuns,
      add: (r) => {
        // The 1-minute load average next to every figure: the machine is shared.
        const row = { ...r, note: joinNotes(r.note, `load ${load()[0]}`) };
        rows.push(row);
        console.log(
          `  ${row.measure}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ${row.perSecond.toFixed(0)} req/s${row.note ? ` (${row.note})` : ''}`,
        );
      },
      loop: async (fn, ok) => {
        const before = cpuSeconds(serverPid);
        const r = await timedLoop(o.duration, o.connections, fn, ok);
        cpu.set(r, cpuPerRequest(before, cpuSeconds(serverPid), r.requests));
        return r;
      },
    };
    const loadBefore = load();
    console.log(
      `\n${stations.toLocaleString('en-US')} active stations; ${o.connections} clients, ${o.duration} s per loop; load ${loadBefore.join(' ')}`,
    );
    for (const m of MEASUREMENTS) await m(ctx);
    await Promise.all([sqlPool.end(), walkPool.end()]);
    agent.destroy();

    const loadAfter = load();
    console.log(
      `\nPostgreSQL, ${stations.toLocaleString('en-US')} stations, load average ${loadAfter.join(' ')}:\n`,
    );
    printTable(rows);

    const out = writeResults(startedAt, 'stations', {
      engine: 'postgres',
      stations,
      seedSeconds,
      generatorSeconds,
      durationSeconds: o.duration,
      connections: o.connections,
      loadAverage: loadAfter,
      loadBefore,
      nearbyPlanUsesIndex: explain.usesIndex,
      nearbyPlan: explain.plan,
      rows,
    });
    console.log(`\nResults written to ${out}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
