import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { seedDemoWishes } from '../wishes.seed.ts';

describe('demo wishes (pglite)', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  beforeAll(async () => {
    w = await appealsWorld('pglite');
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('seeds boxes, wishes across the steps, last week’s batches and two forums, once', async () => {
    expect((await seedDemoWishes(w.t.deps, w.orgs, w.users)).wishes).toBe(25);
    const q = async (text: string) =>
      ((await w.t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const states = await q('select state, count(*)::int as n from wish group by 1 order by 1');
    expect(states.map((r) => r.state)).toEqual(
      ['answered', 'batched', 'classified', 'collected', 'tracking'].filter((s) =>
        states.some((r) => r.state === s),
      ),
    );
    expect(states.length).toBeGreaterThanOrEqual(4);
    const batches = await q('select region_code, total from wish_batch order by 1');
    expect(batches.map((b) => b.region_code)).toEqual(['511102', '511111']);
    const links = await q('select count(*)::int as n from forum_appeal');
    expect(Number(links[0]!.n)).toBe(3);
    const channels = await q("select count(*)::int as n from appeal where channel = 'forum'");
    expect(Number(channels[0]!.n)).toBe(3);
    expect((await seedDemoWishes(w.t.deps, w.orgs, w.users)).wishes).toBe(0);
  }, 120_000);
});
