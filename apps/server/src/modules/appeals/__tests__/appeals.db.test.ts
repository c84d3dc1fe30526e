import type { CreateAppealInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { appealScopeOf, handledByMeSql, workOfMyUnitsSql } from '../appeals.policy.ts';
import { appealsWorld } from './fixtures.ts';

describe.each(testEngines())('appeals service (%s)', (engine) => {
  const clock = { now: new Date('2026-03-02T02:00:00Z') }; // Monday 10:00 in Leshan
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  beforeAll(async () => {
    w = await appealsWorld(engine, clock);
  }, 120_000);
  afterAll(async () => w?.t.close());

  const input = (over: Partial<CreateAppealInput> = {}): CreateAppealInput => ({
    type: 'complaint',
    categoryId: w.categories.get('policy.weather_fines')!,
    urgency: 'normal',
    description: '暴雨天配送超时被平台罚款，申诉没有通过',
    regionCode: '511102004',
    privacy: 'public',
    anonymous: false,
    location: { lat: 29.5521, lng: 103.7656, crs: 'wgs84' },
    contactPhone: '13912345678',
    ...over,
  });
  const rows = async (text: string) =>
    ((await w.t.database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
  const advance = (hours: number) => {
    clock.now = new Date(clock.now.getTime() + hours * 3_600_000);
  };
  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
    return null;
  };

  it('runs the full loop with returns, a reopening, events and deadlines', async () => {
    const { svc, actors: a } = w;
    const created = await svc.create(a.worker1, null, input());
    expect(created.created).toBe(true);
    const id = created.appeal.id;
    expect(created.appeal.caseNo).toBe('SQ-511102004-20260302-0001');
    expect(created.appeal.state).toBe('submitted');
    expect(created.appeal.reporter.contactPhoneMasked).toBe('139****5678');
    expect(created.appeal.dispatchDueAt).toBe('2026-03-03T02:00:00.000Z'); // 24 h, normal urgency

    advance(1);
    let d = await svc.act(a.dispatcher, null, id, 'dispatch', { unitId: w.orgs['szq.zhzf']! });
    expect(d.state).toBe('dispatched');
    const firstDispatch = d.dispatchedAt;
    expect(firstDispatch).toBe('2026-03-02T03:00:00.000Z');
    // 15 working days for a complaint: the 15th working day after Mon 2 March is Mon 23 March, end of day.
    expect(d.dueAt).toBe('2026-03-23T15:59:59.999Z');
    // Sign within 2 office hours: 11:00 → 12:00, then 14:00 → 15:00.
    expect(d.signDueAt).toBe('2026-03-02T07:00:00.000Z');

    advance(1);
    d = await svc.act(a.zhzf, null, id, 'return', { reason: '属于市场监管职责', notOurDuty: true });
    expect(d.state).toBe('returned');
    // The case moved on: the state decides first (409), whoever asks.
    expect(await codeOf(svc.act(a.zhzf, null, id, 'sign', {}))).toBe('appeal.invalid_transition');

    advance(1);
    d = await svc.act(a.dispatcher, null, id, 'redispatch', { unitId: w.orgs['szq.scjg']! });
    expect(d.state).toBe('dispatched');
    expect(d.dispatchedAt).toBe(firstDispatch); // the clock is not stopped by a return
    expect(d.dueAt).toBe('2026-03-23T15:59:59.999Z');
    expect(d.leadUnitId).toBe(w.orgs['szq.scjg']);
    expect(d.assignments.map((x) => [x.role, x.endedAt !== null, x.notOurDuty])).toEqual([
      ['lead', true, true],
      ['lead', false, false],
    ]);

    advance(1);
    d = await svc.act(a.scjg, null, id, 'sign', {});
    expect(d.state).toBe('handling');
    expect(d.actions.resolve).toBe(true);
    d = await svc.act(a.scjg, null, id, 'extend', { workingDays: 5, reason: '需要平台配合调查' });
    expect(await codeOf(svc.act(a.scjg, null, id, 'extend', { workingDays: 2, reason: '再延期' }))).toBe(
      'appeal.extension_pending',
    );
    d = await svc.act(a.dispatcher, null, id, 'approveExtension', { approve: true });
    expect(d.dueAt).toBe('2026-03-30T15:59:59.999Z');
    expect(d.extensions[0]?.status).toBe('approved');

    advance(24);
    d = await svc.act(a.scjg, null, id, 'resolve', { reply: '已协调平台撤销罚款' });
    expect(d.state).toBe('resolved');
    advance(24);
    d = await svc.act(a.worker1, null, id, 'visit', { satisfaction: 'unsatisfied', comment: '只撤销了一半' });
    expect(d.state).toBe('handling');
    expect(d.reopenCount).toBe(1);
    advance(24);
    await svc.act(a.scjg, null, id, 'resolve', { reply: '已全部撤销' });
    d = await svc.act(a.worker1, null, id, 'visit', { satisfaction: 'satisfied' });
    expect(d.state).toBe('visited');
    expect(d.visits.map((v) => [v.satisfaction, v.channel])).toEqual([
      ['unsatisfied', 'self'],
      ['satisfied', 'self'],
    ]);
    d = await svc.act(a.dispatcher, null, id, 'close', {});
    expect(d.state).toBe('closed');
    expect(Object.values(d.actions).every((x) => x === false)).toBe(true);
    expect(await codeOf(svc.act(a.dispatcher, null, id, 'close', {}))).toBe('appeal.invalid_transition');

    const timeline = await svc.get(a.dispatcher, id);
    expect(timeline.timeline.map((e) => e.action)).toEqual([
      'submit',
      'dispatch',
      'return',
      'redispatch',
      'sign',
      'extend',
      'approveExtension',
      'resolve',
      'visit',
      'resolve',
      'visit',
      'close',
    ]);
    // The reporter sees only the public part of the timeline.
    const mine = await svc.get(a.worker1, id);
    expect(mine.timeline.map((e) => e.action)).not.toContain('return');
    const audit = await rows(`select count(*)::int as n from audit_log where entity_id = '${id}'`);
    expect(Number(audit[0]!.n)).toBe(12);
    const outbox = await rows(
      `select type from outbox_event where payload->>'appealId' = '${id}' order by created_at, id`,
    );
    expect(outbox.map((r) => r.type)).toContain('appeal.reopened');
    expect(outbox.map((r) => r.type)).toContain('appeal.closed');
  });

  it('refuses the wrong actor (403), hides cases outside scope (404)', async () => {
    const { svc, actors: a } = w;
    const { appeal } = await svc.create(a.worker1, null, input({ privacy: 'private' }));
    expect(await codeOf(svc.get(a.worker2, appeal.id))).toBe('appeal.not_found');
    expect(await codeOf(svc.get(a.swqDispatcher, appeal.id))).toBe('appeal.not_found');
    expect(await codeOf(svc.act(a.worker1, null, appeal.id, 'accept', {}))).toBe('common.forbidden');
    // Signing is not possible before dispatch, for anyone: 409 before 403.
    expect(await codeOf(svc.act(a.dispatcher, null, appeal.id, 'sign', {}))).toBe(
      'appeal.invalid_transition',
    );
    expect(await codeOf(svc.act(a.dispatcher, null, appeal.id, 'close', {}))).toBe(
      'appeal.invalid_transition',
    );
  });

  it('idempotency: the same key twice, and concurrently, files one case', async () => {
    const { svc, actors: a } = w;
    const first = await svc.create(a.worker2, null, input(), 'key-1');
    const again = await svc.create(a.worker2, null, input(), 'key-1');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.appeal.id).toBe(first.appeal.id);
    const many = await Promise.all(
      Array.from({ length: 10 }, () => svc.create(a.worker2, null, input(), 'key-2')),
    );
    expect(new Set(many.map((m) => m.appeal.id)).size).toBe(1);
    expect(many.filter((m) => m.created)).toHaveLength(1);
  });

  it('concurrent conflicting transitions: exactly one wins, the rest get 409', async () => {
    const { svc, actors: a } = w;
    const { appeal } = await svc.create(a.worker1, null, input());
    await svc.act(a.dispatcher, null, appeal.id, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    const n = engine === 'postgres' ? 200 : 50;
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? svc.act(a.scjg, null, appeal.id, 'sign', {})
          : svc.act(a.scjg, null, appeal.id, 'return', { reason: '并发退单测试' }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(AppError);
        expect(['appeal.conflict', 'appeal.invalid_transition']).toContain((r.reason as AppError).code);
        expect((r.reason as AppError).status).toBe(409);
      }
    const ev = await rows(
      `select count(*)::int as n from appeal_event where appeal_id = '${appeal.id}' and action in ('sign','return')`,
    );
    expect(Number(ev[0]!.n)).toBe(1);
  }, 120_000);

  it('nearby: open cases of the category within its radius, newest first', async () => {
    const { svc, actors: a } = w;
    const cat = w.categories.get('env.compound_entry')!;
    const near = await svc.create(
      a.worker1,
      null,
      input({ categoryId: cat, type: 'help', location: { lat: 29.56, lng: 103.77, crs: 'wgs84' } }),
    );
    await svc.create(
      a.worker1,
      null,
      input({ categoryId: cat, type: 'help', location: { lat: 29.58, lng: 103.77, crs: 'wgs84' } }),
    );
    const found = await svc.nearby(a.worker2, { categoryId: cat, lat: 29.5605, lng: 103.7705, crs: 'wgs84' });
    expect(found.map((f) => f.id)).toEqual([near.appeal.id]);
    expect(found[0]!.distanceMeters).toBeGreaterThan(30);
    expect(found[0]!.distanceMeters).toBeLessThan(200);
    await svc.follow(a.worker2, null, near.appeal.id);
    await svc.follow(a.worker2, null, near.appeal.id);
    const list = await svc.list(a.worker2, { queue: 'mine', page: 1, pageSize: 50 });
    expect(list.items.map((i) => i.id)).toContain(near.appeal.id);
  });

  it('the no-answer rule marks resolved cases visited after 7 days and skips moved-on ones', async () => {
    const { svc, actors: a } = w;
    const { appeal } = await svc.create(a.worker1, null, input());
    await svc.act(a.dispatcher, null, appeal.id, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    await svc.act(a.scjg, null, appeal.id, 'sign', {});
    await svc.act(a.scjg, null, appeal.id, 'resolve', { reply: '已处理' });
    expect(await svc.applyNoAnswer(appeal.id)).toBe('skipped');
    advance(8 * 24);
    expect(await svc.applyNoAnswer(appeal.id)).toBe('done');
    expect(await svc.applyNoAnswer(appeal.id)).toBe('skipped');
    const d = await svc.get(a.dispatcher, appeal.id);
    expect(d.state).toBe('visited');
    expect(d.visits.at(-1)?.satisfaction).toBe('no_answer');
  });

  it("a unit handler's work queues read the case row and agree with the assignment rule", async () => {
    const { svc, actors: a } = w;
    // Cases in every work state for 市场监管 (lead or co-unit), plus a return by 城管.
    const make = async () => (await svc.create(a.worker1, null, input())).appeal.id;
    const dispatched = await make();
    await svc.act(a.dispatcher, null, dispatched, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    const handling = await make();
    await svc.act(a.dispatcher, null, handling, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    await svc.act(a.scjg, null, handling, 'sign', {});
    const coUnit = await make();
    await svc.act(a.dispatcher, null, coUnit, 'dispatch', {
      unitId: w.orgs['szq.zhzf']!,
      coUnitIds: [w.orgs['szq.scjg']!],
    });
    const returned = await make();
    await svc.act(a.dispatcher, null, returned, 'dispatch', { unitId: w.orgs['szq.scjg']! });
    await svc.act(a.scjg, null, returned, 'return', { reason: '不属于本单位职责' });
    const scope = appealScopeOf(a.scjg, () => null);
    const ids = async (cond: ReturnType<typeof handledByMeSql>) =>
      (
        (await w.t.database.db.execute(
          sql`select a.id from appeal a where a.state in ('submitted', 'accepted', 'dispatched', 'returned', 'handling') and ${cond} order by a.id`,
        )) as unknown as { rows: { id: string }[] }
      ).rows.map((r) => r.id);
    const byAssignment = await ids(handledByMeSql(scope, sql`a.id`));
    const byRow = await ids(
      workOfMyUnitsSql(scope, { appealId: sql`a.id`, state: sql`a.state`, leadUnit: sql`a.lead_unit_id` }),
    );
    expect(byRow).toEqual(byAssignment);
    expect(byRow).toEqual(expect.arrayContaining([dispatched, handling, coUnit]));
    expect(byRow).not.toContain(returned);
    // The handler's queues are those cases (and counts match the lists).
    const list = await svc.list(a.scjg, { queue: 'handling', page: 1, pageSize: 100 });
    expect(list.items.map((i) => i.id)).toContain(handling);
    expect(list.items.every((i) => i.state === 'handling')).toBe(true);
    const counts = await svc.queues(a.scjg);
    expect(counts.handling).toBe(list.total);
    const pending = await svc.list(a.scjg, { queue: 'pending_sign', page: 1, pageSize: 100 });
    expect(pending.items.map((i) => i.id)).toEqual(expect.arrayContaining([dispatched, coUnit]));
    expect(counts.pending_sign).toBe(pending.total);
  });

  it('queues count per actor scope', async () => {
    const q = await w.svc.queues(w.actors.dispatcher);
    expect(q.all).toBeGreaterThan(0);
    expect((await w.svc.queues(w.actors.swqDispatcher)).all).toBe(0);
  });
});
