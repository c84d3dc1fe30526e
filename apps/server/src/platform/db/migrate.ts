import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../drizzle');

/** Migration tags committed in the repository, in order. */
export function committedMigrations(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** Applies the committed migrations on either engine. */
export async function runMigrations(database: Database): Promise<void> {
  await database.migrate(MIGRATIONS_DIR);
}

/** How many committed migrations the database has applied (for /readyz). */
export async function appliedMigrationCount(database: Database): Promise<number> {
  try {
    const r = await database.query<{ n: string | number }>(
      'select count(*) as n from drizzle.__drizzle_migrations',
    );
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}
