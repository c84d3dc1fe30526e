import type { AppealSatisfaction, AppealState } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MachineAction, transition } from '../../modules/appeals/appeals.machine.ts';
import {
  type CaseFilter,
  type GroupRow,
  metricGroups,
} from '../../modules/appeals/appeals.metrics.repository.ts';
import { testEngines } from '../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../platform/testing/app.ts';
import { seedDemo } from '../../seed/demo.ts';
import { generateAppeals } from '../generate-appeals.ts';

/** Figures as kind:key → metric → [numerator, denominator], without null keys. */
function figures(list: readonly GroupRow[]): Record<string, GroupRow['counts']> {
  const out: Record<string, GroupRow['counts']> = {};
  for (const r of list) {
    if (r.kind !== 'total' && r.key === null) continue;
    const row: GroupRow['counts'] = {};
    for (const [k, c] of Object.entries(r.counts) as [
      keyof GroupRow['counts'],
      { numerator: number; denominator: number },
    ][])
      if (c.numerator !== 0 || c.denominator !== 0) row[k] = c;
    if (Object.keys(row).length > 0)
      out[`${r.kind}:${r.key ?? ''}`] = { ...out[`${r.kind}:${r.key ?? ''}`], ...row };
  }
  return out;
}

describe.each(testEngines())('generate appeals (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  }, 60_000);
  afterAll(async () => t?.close());

  const q = async (text: string) =>
    ((await t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;

  it('refuses without the demo data', async () => {
    await expect(generateAppeals(t.database.db, { count: 10 })).rejects.toThrow(/nuanxin seed demo/);
  });

  it('writes timelines the state machine can replay, and refuses a second run without --append', async () => {
    await seedDemo(t.deps, { appeals: true });
    const [before] = await q('select count(*)::int as n from appeal');
    const demoIds = new Set((await q('select id from appeal')).map((r) => String(r.id)));
    const progress: number[] = [];
    const r = await generateAppeals(t.database.db, {
      count: 1500,
      seed: 7,
      batchSize: 500,
      onProgress: (done) => progress.push(done),
    });
    expect(r.cases).toBe(1500);
    expect(progress).toEqual([500, 1000, 1500]);
    const generated = (
      await q(`select id, state, version, reopen_count as "reopenCount", lat, lng from appeal`)
    ).filter((c) => !demoIds.has(String(c.id)));
    expect(generated.length).toBe(1500);
    // Case numbers stay unique next to the demo cases.
    const [dup] = await q('select count(*)::int - count(distinct case_no)::int as n from appeal');
    expect(Number(dup!.n)).toBe(0);
    const events = await q(
      'select appeal_id as "appealId", action, from_state as "fromState", to_state as "toState", data from appeal_event order by appeal_id, at, id',
    );
    const byCase = new Map<string, Record<string, unknown>[]>();
    for (const e of events) byCase.set(String(e.appealId), [...(byCase.get(String(e.appealId)) ?? []), e]);
    const states = new Map<string, number>();
    for (const c of generated) {
      const timeline = byCase.get(String(c.id)) ?? [];
      expect(timeline[0]?.action).toBe('submit');
      let state: AppealState = 'submitted';
      let reopens = 0;
      for (const e of timeline.slice(1)) {
        expect(e.fromState).toBe(state);
        const data = (e.data ?? {}) as { satisfaction?: AppealSatisfaction };
        const next = transition(state, e.action as MachineAction, {
          ...(data.satisfaction ? { satisfaction: data.satisfaction } : {}),
        });
        if (e.action === 'visit' && next === 'handling') reopens++;
        expect(e.toState).toBe(next);
        state = next;
      }
      expect(c.state).toBe(state);
      expect(Number(c.version)).toBe(timeline.length);
      expect(Number(c.reopenCount)).toBe(reopens);
      states.set(state, (states.get(state) ?? 0) + 1);
    }
    // Mostly finished, with every open queue present at this size or close to it.
    const closed = states.get('closed') ?? 0;
    expect(closed / generated.length).toBeGreaterThan(0.8);
    expect(states.get('handling') ?? 0).toBeGreaterThan(0);
    expect(states.get('refused') ?? 0).toBeGreaterThan(0);
    // Metric facts for every case; the cube the generator built gives the figures of the facts.
    const [noFact] = await q(
      'select count(*)::int as n from appeal a where not exists (select 1 from appeal_fact f where f.appeal_id = a.id)',
    );
    expect(Number(noFact!.n)).toBe(0);
    for (const prefix of ['511102', '511111']) {
      const f: CaseFilter = {
        start: new Date(Date.now() - 400 * 86_400_000),
        end: new Date(Date.now() + 86_400_000),
        scope: sql`a.region_code like ${`${prefix}%`}`,
        regionPrefix: prefix,
        regionKey: 'code',
        now: new Date(),
      };
      const scan = figures(await metricGroups(t.database.db, f));
      expect(scan['total:']?.handled?.denominator ?? 0).toBeGreaterThan(0);
      expect(figures(await metricGroups(t.database.db, { ...f, cubePrefix: prefix }))).toEqual(scan);
    }
    // Each lead assignment belongs to a dispatched case; the current lead is the case's lead unit.
    const [badLead] = await q(`select count(*)::int as n from appeal a
        where a.lead_unit_id is not null and not exists (select 1 from appeal_assignment x
          where x.appeal_id = a.id and x.unit_id = a.lead_unit_id and x.role = 'lead')`);
    expect(Number(badLead!.n)).toBe(0);
    // Locations within ~15 km of the district centres, inside Leshan.
    for (const c of generated.filter((x) => x.lat !== null).slice(0, 200)) {
      expect(Number(c.lat)).toBeGreaterThan(29.2);
      expect(Number(c.lat)).toBeLessThan(29.7);
      expect(Number(c.lng)).toBeGreaterThan(103.3);
      expect(Number(c.lng)).toBeLessThan(104.0);
    }
    const [after] = await q('select count(*)::int as n from appeal');
    expect(Number(after!.n) - Number(before!.n)).toBe(1500);
    await expect(generateAppeals(t.database.db, { count: 10 })).rejects.toThrow(/--append/);
    const more = await generateAppeals(t.database.db, { count: 20, append: true, seed: 7 });
    expect(more.cases).toBe(20);
  }, 180_000);
});
