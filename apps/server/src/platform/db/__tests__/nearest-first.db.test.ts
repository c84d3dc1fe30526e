import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../testing.ts';

/** `Database.nearestFirst`: the planner setting of index walks (POS-01's nearby search). */
describe.each(testEngines())('nearestFirst on %s', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const bitmapScans = async (d: TestDatabase['db']) => {
    const r = (await d.execute(sql`show enable_bitmapscan`)) as unknown as {
      rows: { enable_bitmapscan: string }[];
    };
    return r.rows[0]?.enable_bitmapscan;
  };

  it('runs its statements with bitmap scans off, and leaves every other session as it was', async () => {
    expect(await bitmapScans(db.db)).toBe('on');
    expect(await db.nearestFirst((d) => bitmapScans(d))).toBe('off');
    // Several at once (the pool's sessions, or one transaction after another when embedded).
    const all = await Promise.all(Array.from({ length: 6 }, () => db.nearestFirst((d) => bitmapScans(d))));
    expect(all).toEqual(Array(6).fill('off'));
    expect(await bitmapScans(db.db)).toBe('on');
  });

  it('passes on what the function returns and what it throws', async () => {
    expect(await db.nearestFirst(async () => 42)).toBe(42);
    await expect(
      db.nearestFirst(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.nearestFirst((d) => bitmapScans(d))).toBe('off');
  });
});
