import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';

describe.each(testEngines())('demo appeals (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  it('seeds ~195 cases through the machine, mostly resolved or later, idempotently', async () => {
    const started = Date.now();
    await seedDemo(t.deps, { appeals: true });
    const ms = Date.now() - started;
    const q = async (text: string) =>
      ((await t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const byDistrict = await q(`select substr(region_code, 1, 6) as d, count(*)::int as n,
        count(*) filter (where state in ('resolved','visited','closed'))::int as done from appeal group by 1 order by 1`);
    expect(byDistrict.map((r) => r.d)).toEqual(['511102', '511111']);
    const swq = byDistrict.find((r) => r.d === '511111')!;
    expect(Number(swq.n)).toBeGreaterThanOrEqual(110);
    expect(Number(swq.done) / Number(swq.n)).toBeGreaterThanOrEqual(0.96);
    const events = await q('select count(*)::int as n from appeal_event');
    expect(Number(events[0]!.n)).toBeGreaterThan(1000);
    const reopened = await q('select count(*)::int as n from appeal where reopen_count > 0');
    expect(Number(reopened[0]!.n)).toBeGreaterThan(0);
    await seedDemo(t.deps, { appeals: true });
    const total = await q('select count(*)::int as n from appeal');
    expect(Number(total[0]!.n)).toBe(byDistrict.reduce((a, r) => a + Number(r.n), 0));
    console.info(`demo seed on ${engine}: ${ms} ms`);
  }, 120_000);
});
