import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrationCount, committedMigrations } from '../migrate.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../testing.ts';

describe.each(testEngines())('migrations on %s', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('applies every committed migration', async () => {
    expect(await appliedMigrationCount(db)).toBe(committedMigrations().length);
  });

  it('enables the contrib extensions', async () => {
    const r = await db.query<{ extname: string }>('select extname from pg_extension order by extname');
    const names = r.rows.map((x) => x.extname);
    for (const e of ['btree_gist', 'cube', 'earthdistance', 'pg_trgm', 'pgcrypto'])
      expect(names).toContain(e);
    const d = await db.query<{ d: number }>(
      'select earth_distance(ll_to_earth(29.552, 103.766), ll_to_earth(29.413, 103.549)) as d',
    );
    // 乐山大佛 to 沙湾: about 25.6 km
    expect(Number(d.rows[0]?.d)).toBeGreaterThan(25_000);
    expect(Number(d.rows[0]?.d)).toBeLessThan(27_000);
  });

  it('refuses to update, delete or truncate the audit log', async () => {
    await db.query(`insert into audit_log (id, action) values (gen_random_uuid(), 'test.action')`);
    await expect(db.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    const n = await db.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(n.rows[0]?.n).toBe(1);
  });
});
