import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.ts';

/** Cron schedules are read in the city's time zone, whatever the server's clock says. */
export const JOBS_TIME_ZONE = 'Asia/Shanghai';

/**
 * What a job handler reports. `skipped` is the normal answer of a timer whose record has moved on
 * (the appeal was answered before its deadline): the job completes and nothing happens.
 */
export type JobOutcome = 'done' | 'skipped';

export interface JobContext {
  id: string;
  name: string;
}

/**
 * A job handler. **Rule: a job that finds its record moved on does nothing.** Timers are cheap to
 * create and are not cancelled when the state changes, so the handler must re-load the record in
 * its own transaction, check that it is still in the state the timer was set for, and otherwise
 * return `'skipped'` (not throw: a throw means "retry", and retrying a stale timer is pointless).
 * The same check also makes a job safe to run twice (pg-boss delivers at least once).
 */
export type JobHandler<T> = (data: T, job: JobContext) => Promise<JobOutcome | undefined>;

export interface SendOptions {
  /**
   * Names the job, e.g. `${appealId}:first_response`. On a queue defined with policy `short`, at
   * most one job per (name, key) waits: a second send with the same key is dropped (returns null).
   * On a standard queue the key only labels the job.
   */
  singletonKey?: string;
  /**
   * Enqueue inside this transaction, so the job exists if and only if the business change commits.
   * The queue must already exist (declared with `work` or `define` and `prepare()`d), because on
   * the embedded engine nothing else may touch the database while a transaction is open.
   */
  tx?: Db;
  retryLimit?: number;
}

/** One job of {@link Jobs.sendManyAfter}. */
export interface ManyJob {
  data: object;
  /** Not before this time. */
  date: Date;
  singletonKey?: string;
}

/**
 * Delayed and scheduled work, on pg-boss, with the same job code on both engines: PostgreSQL
 * through its own pool, the embedded engine through an `executeSql` adapter on our one connection.
 * Nothing runs unless `start()` is called (main.ts does when NUANXIN_JOBS=on); `sendAfter` and
 * `schedule` still record work when jobs are off (tests, CLI), for a running server to pick up.
 */
export interface Jobs {
  /**
   * Declares a queue, before its first send: its policy (`short`: one waiting job per singleton
   * key, for timers keyed by record) and that it exists for transactional sends.
   */
  define(name: string, opts?: { policy?: 'standard' | 'short' }): void;
  /** Registers the handler for `name`; workers poll only after `start()`. */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Runs `name` on a cron expression (5 fields, Asia/Shanghai). One schedule per name. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Runs `name` with `data` at `date` (or as soon as possible if it has passed). */
  sendAfter(name: string, data: object, date: Date, opts?: SendOptions): Promise<string | null>;
  /**
   * Several `sendAfter`s to one queue in one statement, inside `tx` (batch event handlers). The same
   * rules: a `short` queue keeps at most one waiting job per singleton key (later ones are dropped).
   */
  sendManyAfter(name: string, jobs: readonly ManyJob[], opts: { tx: Db }): Promise<void>;
  /** Cancels a waiting job (a timer that is no longer wanted). */
  cancel(name: string, id: string): Promise<void>;
  /** Installs or migrates the pg-boss schema and creates the declared queues; no polling. */
  prepare(): Promise<void>;
  /** Starts workers, cron and maintenance. */
  start(): Promise<void>;
  /** Stops polling and waits for running handlers (bounded). Call before closing the database. */
  stop(): Promise<void>;
  readonly started: boolean;
}

export interface JobsOptions {
  /**
   * Whether this process runs work: workers, cron and maintenance. When false, `sendAfter` and
   * `schedule` still record jobs (for a process that runs them), and `start()` refuses.
   */
  run: boolean;
  /** Worker polling interval; pg-boss's minimum is 0.5 s. */
  pollingIntervalSeconds?: number;
  /** Schema pg-boss keeps its tables in. */
  schema?: string;
  /** For PostgreSQL: pg-boss opens its own small pool on this URL. */
  url?: string;
}

/**
 * pg-boss's database port for the embedded engine. pg-boss sends two kinds of text: parameterised
 * single statements, and (for schema creation, migration and maintenance) a parameterless
 * `BEGIN; …; COMMIT;` script. The extended protocol refuses several statements in one text, so
 * scripts go through `exec`.
 */
export function pgBossDbAdapter(database: Pick<Database, 'query' | 'exec'>): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && isScript(text)) {
        await database.exec(text);
        return { rows: [] };
      }
      return database.query(text, values ?? []);
    },
  };
}

function isScript(text: string): boolean {
  // Statements separated by `;` outside a trailing position: pg-boss's scripts all start with BEGIN.
  return /^\s*BEGIN\s*;/i.test(text) || /;\s*\S/.test(text.replace(/'(?:[^']|'')*'/g, "''"));
}

/** The same port over a Drizzle transaction, for sends that must commit with the business change. */
function txAdapter(tx: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const chunks = parts.map((p, i) =>
        i % 2 === 0 ? sql.raw(p) : sql`${values?.[Number(p) - 1] ?? null}`,
      );
      const r = (await tx.execute(sql.join(chunks))) as unknown as { rows: unknown[] };
      return { rows: r.rows };
    },
  };
}

export function createJobs(
  database: Database,
  log: Pick<Logger, 'info' | 'warn' | 'error'>,
  opts: JobsOptions,
): Jobs {
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
  const common: PgBoss.ConstructorOptions = {
    schema: opts.schema ?? 'pgboss',
    supervise: opts.run,
    schedule: opts.run,
    // Modest intervals: on the embedded engine requests share pg-boss's one connection.
    maintenanceIntervalSeconds: 120,
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 5,
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  };
  const boss =
    database.kind === 'postgres' && opts.url
      ? new PgBoss({ ...common, connectionString: opts.url, max: 3 })
      : new PgBoss({ ...common, db: pgBossDbAdapter(database) });
  boss.on('error', (err: Error) => log.error({ err }, 'job queue error'));

  const declared = new Map<string, 'standard' | 'short'>();
  const declare = (name: string) => {
    if (!declared.has(name)) declared.set(name, 'standard');
  };
  const created = new Set<string>();
  const handlers = new Map<string, JobHandler<object>>();
  let prepared: Promise<void> | null = null;
  let started = false;
  let stopped = false;

  async function ensureQueue(name: string): Promise<void> {
    if (created.has(name)) return;
    if (!(await boss.getQueue(name)))
      await boss.createQueue(name, { name, policy: declared.get(name) ?? 'standard' });
    created.add(name);
  }

  function prepare(): Promise<void> {
    if (stopped) return Promise.reject(new Error('Jobs are stopped'));
    prepared ??= (async () => {
      await boss.start();
      for (const n of declared.keys()) await ensureQueue(n);
    })();
    return prepared;
  }

  async function startWorker(name: string, handler: JobHandler<object>): Promise<void> {
    await ensureQueue(name);
    await boss.work<object>(name, { pollingIntervalSeconds, batchSize: 1 }, async (batch) => {
      for (const job of batch) {
        const outcome = await handler(job.data, { id: job.id, name: job.name });
        if (outcome === 'skipped') log.info({ job: name, id: job.id }, 'job skipped: record moved on');
      }
    });
  }

  return {
    get started() {
      return started;
    },
    define(name, defineOpts = {}) {
      declared.set(name, defineOpts.policy ?? 'standard');
    },
    async work(name, handler) {
      declare(name);
      handlers.set(name, handler as JobHandler<object>);
      if (started) await startWorker(name, handler as JobHandler<object>);
    },
    async schedule(name, cron, data = {}) {
      declare(name);
      await prepare();
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: JOBS_TIME_ZONE });
    },
    async sendAfter(name, data, date, sendOpts = {}) {
      declare(name);
      const options: PgBoss.SendOptions = { startAfter: date };
      if (sendOpts.singletonKey) options.singletonKey = sendOpts.singletonKey;
      if (sendOpts.retryLimit !== undefined) options.retryLimit = sendOpts.retryLimit;
      if (sendOpts.tx) {
        if (!created.has(name))
          throw new Error(`Queue ${name} is not prepared; declare it and call jobs.prepare() at start-up`);
        options.db = txAdapter(sendOpts.tx);
      } else {
        await prepare();
        await ensureQueue(name);
      }
      return boss.send(name, data, options);
    },
    async sendManyAfter(name, jobs, sendOpts) {
      if (jobs.length === 0) return;
      declare(name);
      if (!created.has(name))
        throw new Error(`Queue ${name} is not prepared; declare it and call jobs.prepare() at start-up`);
      await boss.insert(
        jobs.map((j) => ({
          name,
          data: j.data,
          startAfter: j.date,
          ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}),
        })),
        { db: txAdapter(sendOpts.tx) },
      );
    },
    async cancel(name, id) {
      await prepare();
      await boss.cancel(name, id);
    },
    prepare,
    async start() {
      if (!opts.run) throw new Error('Jobs were created with run: false');
      if (started) return;
      await prepare();
      started = true;
      for (const [name, handler] of handlers) await startWorker(name, handler);
    },
    async stop() {
      stopped = true;
      started = false;
      if (!prepared) return;
      await prepared.catch(() => undefined);
      // wait: true resolves once running handlers finished (or the timeout failed them).
      await boss
        .stop({ graceful: true, timeout: 10_000, wait: true })
        .catch((err: unknown) => log.warn({ err }, 'job queue stop failed'));
    },
  };
}
