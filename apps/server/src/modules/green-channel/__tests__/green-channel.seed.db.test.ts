import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { seedDemoGreenChannel } from '../green-channel.seed.ts';
import { greenWorld } from './fixtures.ts';

describe.each(testEngines())('demo green channel (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof greenWorld>>;
  beforeAll(async () => {
    w = await greenWorld(engine);
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('seeds alerts and eight claims in every state, once', async () => {
    const r = await seedDemoGreenChannel(w.t.deps, w.orgs, w.users);
    expect(r).toEqual({ alertsCreated: 3, claimsCreated: 8 });
    const q = async (text: string) =>
      ((await w.t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const states = (
      await q('select state, count(*)::int as n from grn_delay_claim group by 1 order by 1')
    ).map((x) => x.state);
    expect(states).toEqual(['answered', 'closed', 'notice_sent', 'rejected', 'reviewed', 'submitted']);
    const district = await q("select count(*)::int as n from grn_notice where kind = 'district'");
    expect(Number(district[0]!.n)).toBe(2);
    const m = await w.svc.metrics(w.actors.szqDispatch, {});
    const mt = m.items.find((x) => x.platformOrgId === w.meituan)!;
    expect(mt).toMatchObject({ answered: 3, waived: 1, reduced: 1, refused: 1, finesWaivedYuan: 30 });
    expect(await seedDemoGreenChannel(w.t.deps, w.orgs, w.users)).toEqual({
      alertsCreated: 0,
      claimsCreated: 0,
    });
  }, 120_000);
});
