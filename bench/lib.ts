/**
 * Helpers of the benchmarks at scale (bench/appeals.ts, bench/appeals-crash.ts, bench/stations.ts,
 * bench/stations-map.ts): options, a fresh PostgreSQL database, the real server as a child
 * process, the CLI, bearer tokens, random points, latency statistics, CPU time from /proc, the
 * result table and the result file.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxBin = path.join(root, 'node_modules/.bin/tsx');

export const adminUrl = (): string =>
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates `nuanxin_bench_<random>`; returns its name. */
export async function createDatabase(): Promise<string> {
  const name = `nuanxin_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${adminUrl()} (${(err as Error).message}). Set BENCH_DATABASE_URL.`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** A free TCP port on 127.0.0.1 (never 3000, the default port of a running platform). */
export async function freePort(): Promise<number> {
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

export interface Child {
  proc: ChildProcess;
  output: () => string;
  name: string;
}

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(tsxBin, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a signal reaches tsx's node child as well
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

const running = (c: Child) => c.proc.exitCode === null && c.proc.signalCode === null;

/** Sends `signal` to the child's process group and waits for it to exit. */
export async function stopChild(child: Child | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || !running(child)) return;
  const exited = new Promise<void>((resolve) => child.proc.once('exit', () => resolve()));
  const pid = child.proc.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
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

export async function waitFor(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`${child.name} exited:\n${child.output()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${child.output()}`);
}

export interface Server {
  child: Child;
  base: string;
  env: NodeJS.ProcessEnv;
}

/** The environment of the real server (and of the CLI on the same database). */
export function serverEnv(dbUrl: string, port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    NUANXIN_DATA_DIR: dataDir,
    NUANXIN_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NUANXIN_RATE_LIMIT_MAX: String(1_000_000_000),
    NUANXIN_SEED_DEMO: 'auto',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
  };
}

export async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = startChild('server', ['apps/server/src/main.ts'], env);
  const base = `http://127.0.0.1:${env.PORT}`;
  await waitFor(`${base}/readyz`, child, 300_000);
  return { child, base, env };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nuanxin-bench-'));
}

/** Runs the CLI on the same database; stderr goes to the terminal when `showProgress`. */
export function cli(args: string[], env: NodeJS.ProcessEnv, showProgress = false): string {
  const r = spawnSync(tsxBin, ['apps/server/src/cli/index.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', showProgress ? 'inherit' : 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`nuanxin ${args.join(' ')}: exit ${r.status}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
}

/** A bearer token for a demo user by phone. */
export function token(phone: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out = cli(['token', 'create', '--user', phone, '--name', 'bench'], env);
  const t = out.match(/\bnx_[A-Za-z0-9_-]+/)?.[0];
  if (!t) throw new Error(`no token in: ${out}`);
  return { authorization: `Bearer ${t}` };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface LoopResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: number;
  statuses: Record<string, number>;
}

/**
 * A timed loop of real HTTP requests: `connections` clients, each sending the next request as soon
 * as the previous answered, for `seconds`. Latency in milliseconds, measured around `fetch` with
 * the body read.
 */
export async function timedLoop(
  seconds: number,
  connections: number,
  next: () => { url: string; init?: RequestInit },
  ok: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<LoopResult> {
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const { url, init } = next();
        const s = performance.now();
        try {
          const r = await fetch(url, init);
          await r.arrayBuffer();
          lat.push(performance.now() - s);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (!ok(r.status)) failures++;
        } catch {
          failures++;
          statuses.error = (statuses.error ?? 0) + 1;
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length,
    perSecond: lat.length / secs,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat.at(-1) ?? Number.NaN,
    failures,
    statuses,
  };
}

export const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

// ---------------------------------------------------------------------------------------------
// Options

type OptionValue = number | string | boolean;

/**
 * Command-line options `--kebab-case value` for the keys of `defaults` (camelCase): a number
 * default takes a positive number (`1_000_000` allowed; rounded for the keys in `integers`), a
 * string default takes the next word, a boolean default is a flag. `--help` prints `usage`.
 */
export function parseOptions<T extends Record<string, OptionValue>>(
  argv: readonly string[],
  defaults: T,
  usage: string,
  integers: readonly (keyof T)[] = [],
): T {
  const o: Record<string, OptionValue> = { ...defaults };
  const keyOf = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const a = String(argv[i]);
    if (a === '--help' || a === '-h') {
      console.log(`usage: ${usage}`);
      process.exit(0);
    }
    const key = a.startsWith('--') ? keyOf(a) : '';
    const d = defaults[key];
    if (d === undefined) throw new Error(`unknown option ${a}`);
    if (typeof d === 'boolean') o[key] = true;
    else if (typeof d === 'string') o[key] = String(argv[++i] ?? '');
    else {
      const v = Number(String(argv[++i]).replaceAll('_', ''));
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      o[key] = integers.includes(key) ? Math.round(v) : v;
    }
  }
  return o as T;
}

// ---------------------------------------------------------------------------------------------
// Random points

export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/**
 * A random point within `radiusM` metres of one of `centres` (picked at random), with the centre's
 * other fields. `spread` shapes the distance: 0.5 is uniform over the disc, 0.75 puts more points
 * near the centre (where the cases are).
 */
export function pointNear<C extends { lat: number; lng: number }>(
  centres: readonly C[],
  radiusM = 15_000,
  spread = 0.5,
): C {
  const c = pick(centres);
  const r = radiusM * Math.random() ** spread;
  const t = Math.random() * 2 * Math.PI;
  return {
    ...c,
    lat: c.lat + (r * Math.cos(t)) / 111_320,
    lng: c.lng + (r * Math.sin(t)) / (111_320 * Math.cos((c.lat * Math.PI) / 180)),
  };
}

// ---------------------------------------------------------------------------------------------
// CPU time (Linux /proc)

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Every process's parent, user+system CPU ticks and command name. */
function readProcs(): Map<number, { ppid: number; ticks: number; childTicks: number; comm: string }> {
  const out = new Map<number, { ppid: number; ticks: number; childTicks: number; comm: string }>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out; // not Linux
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // After "pid (comm) ": state ppid … utime (index 11) stime (index 12), and the CPU of its
      // children that ended and were waited for, cutime (13) cstime (14).
      out.set(Number(entry), {
        ppid: Number(f[1]),
        ticks: Number(f[11]) + Number(f[12]),
        childTicks: Number(f[13]) + Number(f[14]),
        comm,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * CPU seconds used so far by the process tree rooted at `root` (the server: tsx and its node
 * child) and, separately, by every PostgreSQL process on the machine — other work on a shared
 * machine included, so the database figure is an upper bound there. A backend that ends (a pool
 * closing a connection) takes its CPU time out of the live processes, and the postmaster, which
 * waits for it, adds it to its children's time: counted there, the sum never goes backwards.
 */
export function cpuSeconds(rootPid: number): { server: number; database: number } {
  const procs = readProcs();
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (p === rootPid) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let server = 0;
  let database = 0;
  for (const [pid, info] of procs) {
    if (inTree(pid)) server += info.ticks;
    else if (info.comm === 'postgres' || info.comm.startsWith('postgres:'))
      database += info.ticks + info.childTicks;
  }
  return { server: server / TICKS_PER_SECOND, database: database / TICKS_PER_SECOND };
}

// ---------------------------------------------------------------------------------------------
// Results

/** A row of a result table. `met` is null for a measure without a target. */
export interface BenchRow {
  measure: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  target: string;
  met: boolean | null;
  note?: string;
}

/** Prints the rows as an aligned table. */
export function printTable(rows: readonly BenchRow[]): void {
  const head = ['measure', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'target', 'met', 'note'];
  const table = rows.map((r) => [
    r.measure,
    String(r.requests),
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.target,
    r.met === null ? '–' : r.met ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((x) => x[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const x of table) console.log(line(x));
}

/** This machine, for a result file. */
export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/**
 * Writes `bench/results/<start ISO time>-<name>.json` (colons replaced by `-`) with `data`, the
 * start time and the machine; returns the path relative to the repository.
 */
export function writeResults(startedAt: Date, name: string, data: Record<string, unknown>): string {
  const outDir = path.join(root, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${startedAt.toISOString().replace(/:/g, '-')}-${name}.json`);
  fs.writeFileSync(
    out,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), ...data, machine: machine() }, null, 2)}\n`,
  );
  return path.relative(root, out);
}
