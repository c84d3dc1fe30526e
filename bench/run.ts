/**
 * `npm run bench` — HTTP throughput and latency of the real server, next to a bare Fastify
 * server on the same machine as the baseline. See docs/benchmarks.md.
 *
 *   npm run bench                         PostgreSQL at 127.0.0.1:5432 (a fresh database is
 *                                         created for the run and dropped afterwards)
 *   npm run bench -- --embedded           the embedded engine (PGlite) instead
 *   npm run bench -- --duration 20        seconds per route (default 10)
 *   npm run bench -- --connections 20     concurrent connections (default 10)
 *
 * Admin connection for PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres.
 *
 * Writes bench/results/<ISO timestamp>.json and prints a table. This is a measurement, not a
 * test: nothing here passes or fails on speed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannonUntyped from 'autocannon';
import pg from 'pg';
import { BARE_SIZED_PATH } from './bare-server.ts';

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
}
interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram & { max: number };
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
const autocannon = autocannonUntyped as unknown as (opts: AutocannonOptions) => Promise<AutocannonResult>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxBin = path.join(root, 'node_modules/.bin/tsx');
const DEMO_LOGIN = 'szq.admin';
const DEMO_PHONE = '13800000001';
const DEMO_PASSWORD = 'Nuanxin@2026';

function parseArgs(argv: string[]) {
  const opts = { embedded: false, duration: 10, connections: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--embedded') opts.embedded = true;
    else if (a === '--duration') opts.duration = next();
    else if (a === '--connections') opts.connections = Math.round(next());
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--embedded] [--duration N] [--connections N]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

/** A free TCP port on 127.0.0.1 (never 3000, the default port of a running platform). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.unref();
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const addr = s.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        s.close(() => resolve(p));
      });
    });
    if (port !== 3000 && port > 0) return port;
  }
}

interface Child {
  proc: ChildProcess;
  output: () => string;
  name: string;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(tsxBin, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it stops tsx's node child as well
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 20_000) out = out.slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return { proc, output: () => out, name };
}

async function stopChild(child: Child | undefined): Promise<void> {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.proc.once('exit', () => resolve()));
  const pid = child.proc.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) {
      throw new Error(`${child.name} exited with code ${child.proc.exitCode}:\n${child.output()}`);
    }
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${child.output()}`);
}

/** Signs in as the demo district admin; returns the headers that authenticate a request. */
async function signIn(
  base: string,
  cliEnv: NodeJS.ProcessEnv | undefined,
): Promise<{ headers: Record<string, string>; how: string }> {
  const problems: string[] = [];
  try {
    const r = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: DEMO_LOGIN, password: DEMO_PASSWORD }),
    });
    const cookies = r.headers.getSetCookie?.() ?? [];
    const session = cookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('nx_session='));
    if (r.ok && session) return { headers: { cookie: session }, how: `password sign-in as ${DEMO_LOGIN}` };
    problems.push(
      `POST /api/v1/auth/login as ${DEMO_LOGIN}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`,
    );
  } catch (err) {
    problems.push(`POST /api/v1/auth/login: ${(err as Error).message}`);
  }
  // Fallback: a bearer token from the CLI. Only on PostgreSQL: the embedded engine's data
  // directory is held by the running server.
  if (cliEnv) {
    const r = spawnSync(tsxBin, ['apps/server/src/cli/index.ts', 'token', 'create', '--user', DEMO_PHONE], {
      cwd: root,
      env: { ...process.env, ...cliEnv },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const token = `${r.stdout ?? ''}`.match(/\bnx_[A-Za-z0-9_-]+/)?.[0];
    if (r.status === 0 && token) return { headers: { authorization: `Bearer ${token}` }, how: 'CLI token' };
    problems.push(
      `nuanxin token create --user ${DEMO_PHONE}: exit ${r.status}; ${(r.stderr || r.stdout || '').trim().slice(0, 300)}`,
    );
  }
  throw new Error(`Could not sign in for the benchmark:\n  ${problems.join('\n  ')}`);
}

/** Body bytes and header bytes (`name: value` lines, beyond a bare answer's) of one GET. */
async function responseBytes(url: string, headers: Record<string, string>) {
  const r = await fetch(url, { headers });
  const body = Buffer.byteLength(await r.text());
  let headerBytes = 0;
  const bareHeaders = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  r.headers.forEach((value, name) => {
    if (!bareHeaders.has(name)) headerBytes += name.length + value.length + 4;
  });
  return { body, headers: headerBytes };
}

interface RouteResult {
  route: string;
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  ratioToBare: number | null;
  /** CPU time of the server process tree per request, microseconds. */
  serverCpuUsPerRequest: number;
  /** CPU time of PostgreSQL (all its processes) per request, microseconds; 0 on PGlite. */
  databaseCpuUsPerRequest: number;
  /**
   * Bare route's CPU per request ÷ this route's (server + database): the share of the bare route's
   * throughput this route would reach with the machine to itself.
   */
  cpuRatioToBare: number | null;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Every process's parent, user+system CPU ticks and command name, from /proc. */
function readProcs(): Map<number, { ppid: number; ticks: number; comm: string }> {
  const out = new Map<number, { ppid: number; ticks: number; comm: string }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // After "pid (comm) ": state ppid … utime (14th field overall → index 11) stime (index 12).
      out.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), comm });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * CPU seconds used so far by the process trees rooted at `roots` and, separately, by every
 * PostgreSQL process on the machine. On a 2-core machine the load generator competes with the
 * server, so requests/s alone mostly measures the generator; CPU per request measures the server.
 */
function cpuSnapshot(roots: number[]): { server: number; database: number } {
  const procs = readProcs();
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (roots.includes(p)) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let server = 0;
  let database = 0;
  for (const [pid, info] of procs) {
    if (inTree(pid)) server += info.ticks;
    else if (info.comm === 'postgres' || info.comm.startsWith('postgres:')) database += info.ticks;
  }
  return { server: server / TICKS_PER_SECOND, database: database / TICKS_PER_SECOND };
}

async function measure(
  route: string,
  url: string,
  opts: { duration: number; connections: number; headers?: Record<string, string>; pids: number[] },
): Promise<RouteResult> {
  process.stdout.write(`  ${route.padEnd(22)} warm-up… `);
  await autocannon({
    url,
    connections: opts.connections,
    duration: Math.min(3, opts.duration),
    headers: opts.headers,
  });
  process.stdout.write(`measuring ${opts.duration} s… `);
  const before = cpuSnapshot(opts.pids);
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    headers: opts.headers,
  });
  const after = cpuSnapshot(opts.pids);
  console.log(`${Math.round(r.requests.average)} req/s`);
  const n = Math.max(1, r.requests.total);
  const serverCpuUsPerRequest = ((after.server - before.server) * 1e6) / n;
  const databaseCpuUsPerRequest = ((after.database - before.database) * 1e6) / n;
  return {
    serverCpuUsPerRequest,
    databaseCpuUsPerRequest,
    cpuRatioToBare: null,
    route,
    url: new URL(url).pathname,
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    ratioToBare: null,
  };
}

function printTable(rows: RouteResult[]) {
  const head = [
    'route',
    'requests/s',
    'p50 ms',
    'p99 ms',
    'ratio to bare',
    'server µs/req',
    'db µs/req',
    'CPU ratio to bare',
  ];
  const body = rows.map((r) => [
    r.route,
    r.requestsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    r.ratioToBare === null ? '–' : r.ratioToBare.toFixed(2),
    r.serverCpuUsPerRequest.toFixed(0),
    r.databaseCpuUsPerRequest.toFixed(0),
    r.cpuRatioToBare === null ? '–' : r.cpuRatioToBare.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const b of body) console.log(line(b));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanxin-bench-'));
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  let dbName: string | undefined;
  let databaseUrl: string | undefined;
  let server: Child | undefined;
  let bare: Child | undefined;

  const cleanup = async () => {
    await Promise.all([stopChild(server), stopChild(bare)]);
    if (dbName) {
      try {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      } catch (err) {
        console.error(`could not drop database ${dbName}: ${(err as Error).message}`);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error('\ninterrupted; stopping servers…');
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (!opts.embedded) {
      dbName = `nuanxin_bench_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      try {
        await admin.connect();
      } catch (err) {
        dbName = undefined;
        throw new Error(
          `Cannot reach PostgreSQL at ${adminUrl} (${(err as Error).message}).\n` +
            'Start it, set BENCH_DATABASE_URL, or run with --embedded.',
        );
      }
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    }
    const [serverPort, barePort] = [await freePort(), await freePort()];
    const serverEnv: NodeJS.ProcessEnv = {
      NODE_ENV: 'development',
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      NUANXIN_DATA_DIR: dataDir,
      NUANXIN_PUBLIC_URL: `http://127.0.0.1:${serverPort}`,
      NUANXIN_RATE_LIMIT_MAX: String(1_000_000_000),
      NUANXIN_SEED_DEMO: 'auto',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl ?? '',
    };
    const engine = opts.embedded ? 'embedded (PGlite)' : `PostgreSQL (${dbName})`;
    console.log(
      `Starting the server on 127.0.0.1:${serverPort} with ${engine}, bare Fastify on ${barePort}…`,
    );
    const t0 = Date.now();
    server = startChild('server', ['apps/server/src/main.ts'], serverEnv);
    bare = startChild('bare server', ['bench/bare-server.ts'], { PORT: String(barePort) });
    const base = `http://127.0.0.1:${serverPort}`;
    const bareBase = `http://127.0.0.1:${barePort}`;
    await Promise.all([
      waitFor(`${base}/readyz`, server, 180_000),
      waitFor(`${bareBase}/bare`, bare, 60_000),
    ]);
    console.log(`Servers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

    const auth = await signIn(base, databaseUrl ? serverEnv : undefined);
    const me = await fetch(`${base}/api/v1/me`, { headers: auth.headers });
    if (!me.ok) {
      throw new Error(
        `GET /api/v1/me after ${auth.how} answered HTTP ${me.status}: ${(await me.text()).slice(0, 200)}`,
      );
    }
    console.log(`Signed in (${auth.how}).`);

    console.log(`\n${opts.connections} connections, ${opts.duration} s per route:`);
    const m = { duration: opts.duration, connections: opts.connections };
    const serverPids = [server.proc.pid!];
    const barePids = [bare.proc.pid!];
    const bareResult = await measure('bare Fastify GET /bare', `${bareBase}/bare`, { ...m, pids: barePids });
    const meBytes = await responseBytes(`${base}/api/v1/me`, auth.headers);
    const sizedResult = await measure(
      'bare, same bytes as /me',
      `${bareBase}${BARE_SIZED_PATH}?body=${meBytes.body}&headers=${meBytes.headers}`,
      { ...m, pids: barePids },
    );
    const meResult = await measure('GET /api/v1/me', `${base}/api/v1/me`, {
      ...m,
      headers: auth.headers,
      pids: serverPids,
    });
    const rows = [
      await measure('GET /healthz', `${base}/healthz`, { ...m, pids: serverPids }),
      meResult,
      bareResult,
      sizedResult,
    ];
    const bareCpu = bareResult.serverCpuUsPerRequest;
    for (const r of rows) {
      r.ratioToBare = r.requestsPerSecond / bareResult.requestsPerSecond;
      r.cpuRatioToBare = bareCpu / Math.max(1e-9, r.serverCpuUsPerRequest + r.databaseCpuUsPerRequest);
    }
    printTable(rows);
    const meToSizedBare = meResult.requestsPerSecond / sizedResult.requestsPerSecond;
    console.log(
      `\n/api/v1/me answers ${meBytes.body} body bytes and ${meBytes.headers} header bytes; the bare route sending as many bytes: ratio ${meToSizedBare.toFixed(2)}.`,
    );
    const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0);
    for (const r of bad) {
      console.warn(
        `warning: ${r.route}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts`,
      );
    }

    const outDir = path.join(root, 'bench/results');
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      engine: opts.embedded ? 'pglite' : 'postgres',
      durationSeconds: opts.duration,
      connections: opts.connections,
      auth: auth.how,
      machine: {
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      },
      routes: rows,
      meResponseBytes: meBytes,
      meToSizedBare,
    };
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nResults written to ${path.relative(root, file)}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
