import crypto from 'node:crypto';
import pg from 'pg';
import { type Database, type EngineKind, openDatabase } from './client.ts';
import { runMigrations } from './migrate.ts';

/**
 * Engines the database tests run on: always the embedded engine, and PostgreSQL as well when
 * TEST_DATABASE_URL points at a server (CI sets it). Use with `describe.each(testEngines())`.
 */
export function testEngines(): EngineKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Connection string of the per-test database (PostgreSQL only), to open a second client. */
  url?: string;
  /** Drops the per-test database (PostgreSQL) or closes the in-memory engine. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: in memory on the embedded engine, or
 * a new `nuanxin_t_<random>` database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
export async function createTestDatabase(kind: EngineKind = 'pglite'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(database);
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `nuanxin_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 5 });
  await runMigrations(database);
  return {
    ...database,
    url: url.toString(),
    async destroy() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
