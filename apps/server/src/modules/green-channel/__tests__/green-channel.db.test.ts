import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { GrnCreateClaimInput } from '../green-channel.types.ts';
import { greenWorld } from './fixtures.ts';

describe.each(testEngines())('green channel service (%s)', (engine) => {
  const clock = { now: new Date('2026-07-15T10:00:00Z') }; // 18:00 in Leshan
  let w: Awaited<ReturnType<typeof greenWorld>>;
  beforeAll(async () => {
    w = await greenWorld(engine, clock);
  }, 120_000);
  afterAll(async () => w?.t.close());

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
  const input = (over: Partial<GrnCreateClaimInput> = {}): GrnCreateClaimInput => ({
    platformOrgId: w.meituan,
    regionCode: '511102004',
    orderNos: ['MT2607150001'],
    orderAt: '2026-07-15T04:30:00Z', // 12:30 in Leshan
    delayMinutes: 35,
    fineFen: 2000,
    cause: 'extreme_weather',
    reason: '暴雨导致道路积水，送达超时被罚款',
    ...over,
  });

  it('runs the full loop: alert in force, review, notice, reduced answer, close; with audit and outbox', async () => {
    const { svc, actors: a } = w;
    const alert = await svc.recordAlert(a.szqDispatch, null, {
      regionCode: '511102',
      level: 'orange',
      kind: 'rainstorm',
      startsAt: '2026-07-15T00:00:00Z',
      endsAt: '2026-07-15T14:00:00Z',
      source: '乐山市气象台',
    });
    const filed = await svc.fileClaim(a.worker1, null, input());
    expect(filed.caseNo).toBe('GC-511102004-20260715-0001');
    expect(filed.state).toBe('submitted');
    expect(filed.alertsInForce.map((x) => x.id)).toEqual([alert.id]);
    const noAlert = await svc.fileClaim(a.worker1, null, input({ orderAt: '2026-07-14T04:30:00Z' }));
    expect(noAlert.alertsInForce).toEqual([]);
    expect(noAlert.caseNo).toBe('GC-511102004-20260715-0002');

    advance(2);
    const reviewed = await svc.act(a.scjg, null, filed.id, 'review', { note: '已核实预警' });
    expect(reviewed.state).toBe('reviewed');
    expect(reviewed.reviewedByName).toBe('市场监管局经办人');
    advance(1);
    const sent = await svc.sendNotice(a.scjg, null, {
      platformOrgIds: [w.meituan],
      claimIds: [filed.id],
      facts: '骑手反映暴雨橙色预警期间配送超时被罚款，请核实减免',
      requestedAnswerBy: '2026-07-18',
      alertId: alert.id,
    });
    expect(sent.items).toHaveLength(1);
    const notice = sent.items[0]!;
    expect(notice.noticeNo).toBe('NX-511102-20260715-001');
    expect(notice.kind).toBe('claim');
    expect(notice.claims.map((c) => c.id)).toEqual([filed.id]);
    expect(notice.sentByOrgName).toBe('乐山市市中区市场监督管理局');

    // The government side never answers for the platform, the other platform cannot see it.
    expect(await codeOf(svc.act(a.scjg, null, filed.id, 'answer', { outcome: 'waived' }))).toBe(
      'common.forbidden',
    );
    expect(await codeOf(svc.act(a.eleme, null, filed.id, 'answer', { outcome: 'waived' }))).toBe(
      'green_channel.not_found',
    );
    expect(
      await codeOf(svc.act(a.meituan, null, filed.id, 'answer', { outcome: 'reduced', reducedFen: 2000 })),
    ).toBe('common.validation');
    advance(10);
    const answered = await svc.act(a.meituan, null, filed.id, 'answer', {
      outcome: 'reduced',
      reducedFen: 1200,
    });
    expect(answered.state).toBe('answered');
    expect(answered.answer).toMatchObject({
      outcome: 'reduced',
      waivedFen: 1200,
      decidedByName: '美团联络员',
      decidedBySide: 'platform',
    });
    expect(await codeOf(svc.act(a.meituan, null, filed.id, 'answer', { outcome: 'waived' }))).toBe(
      'green_channel.invalid_transition',
    );
    const rider = await svc.get(a.worker1, filed.id);
    expect(rider.actions.close).toBe(true);
    expect(rider.timeline.map((e) => `${e.action}:${e.side}`)).toEqual([
      'submit:rider',
      'review:government',
      'sendNotice:government',
      'answer:platform',
    ]);
    const closed = await svc.act(a.worker1, null, filed.id, 'close', {});
    expect(closed.state).toBe('closed');

    const audit = await rows(`select action from audit_log where entity_id = '${filed.id}' order by at, id`);
    expect(audit.map((r) => r.action)).toEqual([
      'green_channel.file',
      'green_channel.review',
      'green_channel.answer',
      'green_channel.close',
    ]);
    const events = await rows(
      `select type from outbox_event where type like 'green_channel.%' order by created_at, id`,
    );
    expect(events.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'green_channel.alert_recorded',
        'green_channel.submitted',
        'green_channel.reviewed',
        'green_channel.notice_sent',
        'green_channel.answered',
        'green_channel.closed',
      ]),
    );

    const m = await svc.metrics(a.szqDispatch, {});
    const mt = m.items.find((x) => x.platformOrgId === w.meituan)!;
    expect(mt).toMatchObject({ notices: 1, claimsNoticed: 1, answered: 1, reduced: 1, finesWaivedYuan: 12 });
    expect(mt.medianResponseHours).toBe(10);
    const mine = await svc.metrics(a.meituan, {});
    expect(mine.items.map((x) => x.platformOrgId)).toEqual([w.meituan]);
  });

  it('notifies the liaison on a notice and the rider on the outcome', async () => {
    await w.t.deps.events.idle();
    await w.t.deps.events.dispatchPending();
    const liaison = await rows(
      `select kind from notification where user_id = '${w.users.platform}' and kind = 'green_channel.notice_sent'`,
    );
    const rider = await rows(
      `select kind from notification where user_id = '${w.users.worker1}' and kind = 'green_channel.answered'`,
    );
    expect(liaison.length).toBeGreaterThan(0);
    expect(rider.length).toBeGreaterThan(0);
  });

  it('refuses the wrong officer, wrong states and mismatched notices', async () => {
    const { svc, actors: a } = w;
    const c = await svc.fileClaim(a.worker2, null, input({ platformOrgId: w.eleme }));
    expect(await codeOf(svc.act(a.zhzf, null, c.id, 'review', {}))).toBe('green_channel.not_found');
    expect(await codeOf(svc.act(a.swqDispatch, null, c.id, 'review', {}))).toBe('green_channel.not_found');
    expect(await codeOf(svc.act(a.szqAdmin, null, c.id, 'review', {}))).toBe('common.forbidden');
    expect(await codeOf(svc.act(a.worker2, null, c.id, 'close', {}))).toBe(
      'green_channel.invalid_transition',
    );
    // not reviewed yet
    const notice = (claimIds: string[], platformOrgIds = [w.eleme]) =>
      svc.sendNotice(a.szqDispatch, null, {
        platformOrgIds,
        claimIds,
        facts: '骑手反映暴雨天配送超时被罚款',
        requestedAnswerBy: '2026-07-20',
      });
    expect(await codeOf(notice([c.id]))).toBe('green_channel.claim_mismatch');
    await svc.act(a.szqDispatch, null, c.id, 'review', {});
    expect(await codeOf(notice([c.id], [w.meituan]))).toBe('green_channel.claim_mismatch');
    expect(await codeOf(notice([c.id], [w.meituan, w.eleme]))).toBe('green_channel.claim_mismatch');
    const ok = await notice([c.id]);
    expect(ok.items[0]!.platformOrgId).toBe(w.eleme);
    // The 美团 liaison cannot see an 饿了么 claim; the 饿了么 one can.
    expect(await codeOf(svc.get(a.meituan, c.id))).toBe('green_channel.not_found');
    expect((await svc.get(a.eleme, c.id)).actions.answer).toBe(true);
    const list = await svc.list(a.meituan, { page: 1, pageSize: 50 });
    expect(list.items.every((x) => x.platformOrgId === w.meituan && x.noticeId !== null)).toBe(true);

    const r = await svc.fileClaim(a.worker2, null, input());
    const rejected = await svc.act(a.scjg, null, r.id, 'reject', { reason: '当日无预警' });
    expect(rejected.state).toBe('rejected');
    expect(rejected.rejectReason).toBe('当日无预警');
    expect(await codeOf(svc.act(a.scjg, null, r.id, 'review', {}))).toBe('green_channel.invalid_transition');
  });

  it('sends district-wide notices, one per platform, in the officer’s own area only', async () => {
    const { svc, actors: a } = w;
    const sent = await svc.sendNotice(a.scjg, null, {
      platformOrgIds: [w.meituan, w.eleme],
      claimIds: [],
      facts: '明日市中区暴雨橙色预警，请适当延长配送时限、不予处罚',
      requestedAnswerBy: '2026-07-16',
    });
    expect(sent.items.map((n) => n.kind)).toEqual(['district', 'district']);
    expect(sent.items.map((n) => n.regionCode)).toEqual(['511102', '511102']);
    expect(
      await codeOf(
        svc.sendNotice(a.scjg, null, {
          platformOrgIds: [w.meituan],
          claimIds: [],
          regionCode: '511111',
          facts: '明日沙湾区暴雨预警，请平台延长时限',
          requestedAnswerBy: '2026-07-16',
        }),
      ),
    ).toBe('common.forbidden');
    expect(
      await codeOf(
        svc.sendNotice(a.zhzf, null, {
          platformOrgIds: [w.meituan],
          claimIds: [],
          facts: '明日暴雨预警，请平台延长时限',
          requestedAnswerBy: '2026-07-16',
        }),
      ),
    ).toBe('common.forbidden');
    const register = await svc.listNotices(a.meituan, { page: 1, pageSize: 50 });
    expect(register.items.every((n) => n.platformOrgId === w.meituan)).toBe(true);
    expect(register.items.some((n) => n.kind === 'district')).toBe(true);
  });

  it('records alerts only in the recorder’s area and finds those in force', async () => {
    const { svc, actors: a } = w;
    expect(
      await codeOf(
        svc.recordAlert(a.szqDispatch, null, {
          regionCode: '511111',
          level: 'red',
          kind: 'rainstorm',
          startsAt: '2026-07-15T00:00:00Z',
          source: '沙湾区气象局',
        }),
      ),
    ).toBe('common.forbidden');
    await svc.recordAlert(a.swqDispatch, null, {
      regionCode: '511111',
      level: 'red',
      kind: 'rainstorm',
      startsAt: '2026-07-15T00:00:00Z',
      source: '沙湾区气象局',
    });
    const swq = await svc.listAlerts({
      regionCode: '511111100',
      at: '2026-07-15T05:00:00Z',
      page: 1,
      pageSize: 50,
    });
    expect(swq.items.map((x) => x.regionCode)).toEqual(['511111']);
    const c = await svc.fileClaim(a.worker1, null, input({ regionCode: '511111100' }));
    expect(c.alertsInForce.map((x) => x.level)).toEqual(['red']);
  });
});
