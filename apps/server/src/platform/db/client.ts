import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
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
  // jit off: the application runs short OLTP statements; with 1,000,000 appeals the planner's
  // cost estimates of queue counts crossed jit_above_cost and each paid ~10–200 ms of compilation
  // for a query that runs in a few milliseconds (docs/benchmarks.md).
  const pool = new pg.Pool({ connectionString: url, max, statement_timeout: 15_000, options: '-c jit=off' });
  // Without a listener, a backend dying (failover, restart) kills the whole process.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL pool error: ${err.message}`);
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
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
      await pool.end();
    },
  };
}
