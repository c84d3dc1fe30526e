import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../../schema.ts';

export type Schema = typeof schema;
/** The Drizzle handle every repository takes; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  kind: EngineKind;
  db: Db;
  /** Raw parameterised SQL (pg-boss, health checks, tests). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (migrations of third-party schemas). */
  exec(text: string): Promise<void>;
  /**
   * LISTEN on a channel. `onMessage` gets each NOTIFY payload (delivered only when the notifying
   * transaction commits). `onReset` is called when notifications may have been missed (the
   * listening connection dropped and was re-opened): a cache must then forget everything.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReset?: () => void): Promise<void>;
  /**
   * Runs `fn` where the planner cannot use bitmap scans (`enable_bitmapscan = off`): for a
   * search that walks a GiST index nearest first and stops at a limit (KNN, `order by … <-> …
   * limit n`). The cube operators' selectivity is a constant, so the planner believes any box
   * holds a handful of rows and often prefers reading the whole box with a bitmap, computing
   * every distance and sorting: with 10,000 stations a 20 km box is ~7,000 rows, 15 ms instead of
   * 1 ms. Without bitmaps the walk is the only index path. PostgreSQL: a small pool of its own
   * whose sessions start with the setting (one statement, no transaction: a `set local` would
   * cost three more round trips per search). Embedded: a transaction with `set local`.
   */
  nearestFirst<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Applies the committed migrations in `folder` (see migrate.ts). */
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** Contrib extensions our migrations enable; PGlite must load them before CREATE EXTENSION. */
export const pgliteExtensions = { cube, earthdistance, pg_trgm, btree_gist, pgcrypto, ltree };

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded engine. */
  url?: string;
  /** Data directory for the embedded engine; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolMax?: number;
}

/** The planner setting of {@link Database.nearestFirst}. */
const NEAREST_FIRST_SETTING = { name: 'enable_bitmapscan', value: 'off' } as const;
/**
 * Options of every PostgreSQL session. jit off: the application runs short OLTP statements; with
 * 1,000,000 appeals the planner's cost estimates of queue counts crossed jit_above_cost and each
 * paid ~10–200 ms of compilation for a query that runs in a few milliseconds (docs/benchmarks.md).
 */
const SESSION_OPTIONS = '-c jit=off';
/** Options of the sessions of {@link Database.nearestFirst} on PostgreSQL. */
export const NEAREST_FIRST_OPTIONS = `${SESSION_OPTIONS} -c ${NEAREST_FIRST_SETTING.name}=${NEAREST_FIRST_SETTING.value}`;
/** Connections of the nearest-first pool (short statements; the main pool keeps the rest). */
const NEAREST_FIRST_POOL_MAX = 4;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolMax ?? 10);
  return openPglite(opts.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://'))
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  const pgliteDb = drizzlePglite({ client, schema });
  const db = pgliteDb as unknown as Db;
  return {
    async listen(channel, onMessage) {
      // One engine in this process: no connection to lose, so no reset.
      await client.listen(channel, onMessage);
    },
    nearestFirst(fn) {
      return db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local ${NEAREST_FIRST_SETTING.name} = ${NEAREST_FIRST_SETTING.value}`));
        return fn(tx);
      });
    },
    async migrate(folder: string) {
      await migratePglite(pgliteDb, { migrationsFolder: folder });
    },
    kind: 'pglite',
    db,
    async query<T>(text: string, params?: unknown[]) {
      const r = await client.query<T>(text, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    async exec(text: string) {
      await client.exec(text);
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    statement_timeout: 15_000,
    options: SESSION_OPTIONS,
  });
  const walkPool = new pg.Pool({
    connectionString: url,
    max: Math.min(max, NEAREST_FIRST_POOL_MAX),
    statement_timeout: 15_000,
    options: NEAREST_FIRST_OPTIONS,
  });
  // Without a listener, a backend dying (failover, restart) kills the whole process.
  for (const p of [pool, walkPool])
    p.on('error', (err) => {
      process.emitWarning(`PostgreSQL pool error: ${err.message}`);
    });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const walkDb = drizzlePg({ client: walkPool, schema }) as unknown as Db;
  const listeners: pg.Client[] = [];
  let closed = false;
  /** A dedicated connection per channel, re-opened (with `onReset`) whenever it drops. */
  async function openListener(channel: string, onMessage: (p: string) => void, onReset?: () => void) {
    const c = new pg.Client({ connectionString: url });
    const retry = () => {
      const i = listeners.indexOf(c);
      if (i >= 0) listeners.splice(i, 1);
      if (closed) return;
      onReset?.();
      setTimeout(() => void openListener(channel, onMessage, onReset).catch(retry), 1000).unref();
    };
    c.on('error', () => undefined);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    listeners.push(c);
  }
  return {
    async listen(channel, onMessage, onReset) {
      await openListener(channel, onMessage, onReset);
    },
    nearestFirst(fn) {
      return fn(walkDb);
    },
    async migrate(folder: string) {
      // Several server processes may start at once: they take turns on one connection that holds
      // an advisory lock for the whole run.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(7011311)');
        await migratePg(drizzlePg({ client: conn, schema }), { migrationsFolder: folder });
      } finally {
        await conn.query('select pg_advisory_unlock(7011311)').catch(() => undefined);
        conn.release();
      }
    },
    kind: 'postgres',
    db,
    async query<T>(text: string, params?: unknown[]) {
      const r = await pool.query(text, params);
      return { rows: r.rows as T[] };
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async close() {
      closed = true;
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => undefined)));
      await Promise.all([pool.end(), walkPool.end()]);
    },
  };
}
