import type { ReportCompoundAccessInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type CompoundAccessService, createCompoundAccessService } from '../stations.access.service.ts';
import { seedDemoParkingAndAccess } from '../stations.parking.seed.ts';
import { countRows, DAFO, eventually, offset, parkingWorld, SHAWAN } from './parking-fixtures.ts';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
};

describe.each(testEngines())('compound access (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof parkingWorld>>;
  let svc: CompoundAccessService;
  const db = () => w.t.database.db;

  const report = (over: Partial<ReportCompoundAccessInput> = {}): ReportCompoundAccessInput => ({
    compoundName: '嘉州花园',
    regionCode: DAFO.region,
    location: { lat: DAFO.lat, lng: DAFO.lng, crs: 'wgs84' },
    entry: 'may_enter',
    note: '东门可进，电动车停南侧',
    ...over,
  });

  beforeAll(async () => {
    w = await parkingWorld(engine);
    svc = createCompoundAccessService(w.t.deps, { dailyReportLimit: 1000 });
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('refuses a gate code anywhere in the text and stores nothing', async () => {
    const rows = await countRows(db(), 'compound_access');
    for (const bad of [
      report({ note: '门禁码 1234#' }),
      report({ note: '密码是一二三四五六' }),
      report({ compoundName: '花园 8888 号院' }),
      report({ address: '门口按 2580' }),
    ])
      expect(await codeOf(svc.report(w.actors.worker1, null, bad))).toBe('compound_access.no_codes');
    expect(await countRows(db(), 'compound_access')).toBe(rows);
    // Staff do not report (the route's permission says so too).
    expect(await codeOf(svc.report(w.actors.community, null, report()))).toBe('common.forbidden');
    expect(await codeOf(svc.report(w.actors.worker1, null, report({ regionCode: '511100' })))).toBe(
      'region.not_found',
    );
  });

  it('reports once per Idempotency-Key: one row, one audit row, one event', async () => {
    const input = report({ compoundName: '幂等测试小区' });
    const [a, b] = await Promise.all([
      svc.report(w.actors.worker1, null, input, 'key-1'),
      svc.report(w.actors.worker1, null, input, 'key-1'),
    ]);
    const again = await svc.report(w.actors.worker1, null, input, 'key-1');
    expect(a.note.id).toBe(b.note.id);
    expect(again.note.id).toBe(a.note.id);
    expect([a.created, b.created, again.created].filter(Boolean)).toHaveLength(1);
    expect(await countRows(db(), 'compound_access', sql`compound_name = '幂等测试小区'`)).toBe(1);
    expect(await countRows(db(), 'audit_log', sql`entity_id = ${a.note.id}`)).toBe(1);
    expect(
      await countRows(
        db(),
        'outbox_event',
        sql`type = 'compound_access.reported' and payload->>'noteId' = ${a.note.id}`,
      ),
    ).toBe(1);
    expect(a.note).toMatchObject({
      status: 'reported',
      mine: true,
      reporterName: '张师傅',
      actions: { review: false },
    });
    // Another worker's key space is their own.
    const other = await svc.report(w.actors.worker2, null, input, 'key-1');
    expect(other.created).toBe(true);
    expect(other.note.id).not.toBe(a.note.id);
  });

  it('caps reports per worker and day', async () => {
    const strict = createCompoundAccessService(w.t.deps, { dailyReportLimit: 1 });
    // worker2 has reported already today (the test above).
    expect(
      await codeOf(strict.report(w.actors.worker2, null, report({ compoundName: '上限测试小区' }))),
    ).toBe('common.rate_limited');
  });

  it('lets only the region’s staff review: 市中区 staff cannot touch a 沙湾区 note (count-checked)', async () => {
    const swqNote = (
      await svc.report(
        w.actors.worker2,
        null,
        report({
          compoundName: '沙湾测试小区',
          regionCode: SHAWAN.region,
          location: { ...SHAWAN, crs: 'wgs84' },
        }),
      )
    ).note;
    const tongjiang = (
      await svc.report(
        w.actors.worker2,
        null,
        report({ compoundName: '通江测试小区', regionCode: '511102006' }),
      )
    ).note;
    const confirmed = await countRows(db(), 'compound_access', sql`status <> 'reported'`);
    const audits = await countRows(db(), 'audit_log');
    expect(await codeOf(svc.review(w.actors.community, null, swqNote.id, { decision: 'confirm' }))).toBe(
      'compound_access.not_found',
    );
    expect(await codeOf(svc.review(w.actors.szqAdmin, null, swqNote.id, { decision: 'confirm' }))).toBe(
      'compound_access.not_found',
    );
    // The community worker of 大佛街道 does not reach 通江街道 either.
    expect(await codeOf(svc.review(w.actors.community, null, tongjiang.id, { decision: 'confirm' }))).toBe(
      'compound_access.not_found',
    );
    expect(await countRows(db(), 'compound_access', sql`status <> 'reported'`)).toBe(confirmed);
    expect(await countRows(db(), 'audit_log')).toBe(audits);
    // The 沙湾区 admin may.
    const done = await svc.review(w.actors.swqAdmin, null, swqNote.id, { decision: 'confirm' });
    expect(done).toMatchObject({ status: 'confirmed', reviewedByName: '沙湾区管理员' });
  });

  it('confirms with an optional reason, rejects only with one, reviews once, and notifies the reporter', async () => {
    const a = (await svc.report(w.actors.worker1, null, report({ compoundName: '确认测试小区' }))).note;
    const b = (await svc.report(w.actors.worker1, null, report({ compoundName: '驳回测试小区' }))).note;
    expect(await codeOf(svc.review(w.actors.community, null, b.id, { decision: 'reject' }))).toBe(
      'compound_access.reason_required',
    );
    const ok = await svc.review(w.actors.community, null, a.id, { decision: 'confirm' });
    expect(ok).toMatchObject({
      status: 'confirmed',
      reviewReason: null,
      reviewedByName: '社区工作者',
      actions: { review: false },
    });
    expect(
      await codeOf(svc.review(w.actors.community, null, a.id, { decision: 'reject', reason: '重复' })),
    ).toBe('compound_access.already_reviewed');
    const no = await svc.review(w.actors.community, null, b.id, {
      decision: 'reject',
      reason: '该小区不在此位置',
    });
    expect(no).toMatchObject({ status: 'rejected', reviewReason: '该小区不在此位置' });
    const audit = await w.t.database.query<{ action: string }>(
      `select action from audit_log where entity_id in ($1, $2) order by at, action`,
      [a.id, b.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual([
      'compound_access.confirm',
      'compound_access.reject',
      'compound_access.report',
      'compound_access.report',
    ]);
    // The outbox handler puts a notice in the reporter's inbox, once per review.
    const notices = await eventually(
      () =>
        w.t.database.query<{ title: string; body: string; link: string }>(
          `select title, body, link from notification where user_id = $1 and kind = 'compound_access.reviewed' order by created_at`,
          [w.users.worker1],
        ),
      (r) => r.rows.length >= 2,
    );
    const titles = notices.rows.map((r) => r.title);
    expect(titles).toContain('您报告的「确认测试小区」进门信息已确认');
    expect(titles).toContain('您报告的「驳回测试小区」进门信息未通过');
    expect(notices.rows.find((r) => r.title.includes('驳回'))!.body).toContain('该小区不在此位置');
    expect(notices.rows.every((r) => r.link === '/m/parking?tab=mine')).toBe(true);
  });

  it('shows confirmed notes nearby to everyone signed in, pending ones to their reporter only, nearest first', async () => {
    const centre = offset(DAFO, 8000, 0);
    const at = (n: number, e: number) => ({ ...offset(centre, n, e), crs: 'wgs84' as const });
    const near = (
      await svc.report(w.actors.worker2, null, report({ compoundName: '近处小区', location: at(80, 0) }))
    ).note;
    const far = (
      await svc.report(w.actors.worker2, null, report({ compoundName: '远处小区', location: at(0, 900) }))
    ).note;
    const pending = (
      await svc.report(w.actors.worker2, null, report({ compoundName: '待确认小区', location: at(40, 0) }))
    ).note;
    const rejected = (
      await svc.report(w.actors.worker2, null, report({ compoundName: '被驳回小区', location: at(10, 0) }))
    ).note;
    await svc.review(w.actors.szqAdmin, null, near.id, { decision: 'confirm' });
    await svc.review(w.actors.szqAdmin, null, far.id, { decision: 'confirm' });
    await svc.review(w.actors.szqAdmin, null, rejected.id, { decision: 'reject', reason: '信息不准确' });
    const q = { lat: centre.lat, lng: centre.lng, crs: 'wgs84' as const, radius: 2000, limit: 50 };

    const other = await svc.nearby(w.actors.worker1, q);
    expect(other.items.map((n) => n.compoundName)).toEqual(['近处小区', '远处小区']);
    expect(other.items[0]!.distanceMeters).toBeGreaterThan(70);
    expect(other.items[0]!.distanceMeters).toBeLessThan(90);
    expect(other.items.every((n) => !n.mine && n.status === 'confirmed')).toBe(true);
    expect(JSON.stringify(other)).not.toContain('李师傅');

    const own = await svc.nearby(w.actors.worker2, q);
    expect(own.items.map((n) => [n.compoundName, n.status])).toEqual([
      ['待确认小区', 'reported'],
      ['近处小区', 'confirmed'],
      ['远处小区', 'confirmed'],
    ]);
    expect(own.items.every((n) => n.mine)).toBe(true);
    const small = await svc.nearby(w.actors.worker1, { ...q, radius: 500 });
    expect(small.items.map((n) => n.id)).toEqual([near.id]);

    // 我的报告: every status, newest first, with the reason of a rejection.
    const mine = await svc.mine(w.actors.worker2);
    const ids = mine.items.map((n) => n.id);
    expect(ids.indexOf(rejected.id)).toBeLessThan(ids.indexOf(near.id));
    expect(mine.items.find((n) => n.id === rejected.id)).toMatchObject({
      status: 'rejected',
      reviewReason: '信息不准确',
    });
    expect(mine.items.find((n) => n.id === pending.id)!.status).toBe('reported');
    expect(mine.items.every((n) => n.mine)).toBe(true);
  });

  it('queues the region’s notes pending first, suggesting the same name within 150 m', async () => {
    const base = offset(DAFO, -9000, 0);
    const at = (n: number, e: number) => ({ ...offset(base, n, e), crs: 'wgs84' as const });
    const first = (
      await svc.report(
        w.actors.worker1,
        null,
        report({ compoundName: '金色家园（东区）', location: at(0, 0) }),
      )
    ).note;
    await svc.review(w.actors.community, null, first.id, { decision: 'confirm' });
    const dup = (
      await svc.report(
        w.actors.worker2,
        null,
        report({ compoundName: '金色家园 东区', location: at(100, 0), note: '西门也能进' }),
      )
    ).note;
    const elsewhere = (
      await svc.report(w.actors.worker2, null, report({ compoundName: '金色家园东区', location: at(600, 0) }))
    ).note;

    const page = await svc.queue(w.actors.community, { page: 1, pageSize: 200 });
    const firstReviewed = page.items.findIndex((n) => n.status !== 'reported');
    expect(firstReviewed).toBeGreaterThan(0);
    expect(page.items.slice(firstReviewed).every((n) => n.status !== 'reported')).toBe(true);
    expect(page.items.every((n) => n.regionCode === DAFO.region)).toBe(true);
    expect(page.counts.reported + page.counts.confirmed + page.counts.rejected).toBe(page.total);
    expect(page.total).toBe(await countRows(db(), 'compound_access', sql`region_code = ${DAFO.region}`));

    const d = page.items.find((n) => n.id === dup.id)!;
    expect(d.duplicates.map((x) => x.id)).toEqual([first.id]);
    expect(d.duplicates[0]!.distanceMeters).toBeGreaterThan(90);
    expect(d.duplicates[0]!.distanceMeters).toBeLessThan(110);
    expect(d).toMatchObject({ reporterName: '李师傅', actions: { review: true } });
    expect(page.items.find((n) => n.id === elsewhere.id)!.duplicates).toEqual([]);

    const pendingOnly = await svc.queue(w.actors.community, { page: 1, pageSize: 200, status: 'reported' });
    expect(pendingOnly.items.every((n) => n.status === 'reported')).toBe(true);
    expect(pendingOnly.total).toBe(page.counts.reported);
    // 沙湾区 sees none of 市中区's notes.
    const swq = await svc.queue(w.actors.swqAdmin, { page: 1, pageSize: 200 });
    expect(swq.items.every((n) => n.regionCode.startsWith('511111'))).toBe(true);
    expect(swq.total).toBe(await countRows(db(), 'compound_access', sql`region_code like '511111%'`));
  });

  it('keeps notes to 200 characters in the table itself', async () => {
    await expect(
      w.t.database.query(
        `insert into compound_access (id, compound_name, name_key, region_code, lat, lng, entry, note, reported_by)
         values (gen_random_uuid(), 'x', 'x', '511102', 29.5, 103.7, 'may_enter', repeat('长', 201), $1)`,
        [w.users.worker1],
      ),
    ).rejects.toThrow(/compound_access_note_length_check/);
  });

  it('seeds the demo zones and notes once', async () => {
    const first = await seedDemoParkingAndAccess(w.t.deps, w.users);
    // The earlier tests wrote notes already: only the zones are new here.
    expect(first.zones).toBe(5);
    expect(first.notes).toBe(0);
    expect(await seedDemoParkingAndAccess(w.t.deps, w.users)).toEqual({ zones: 0, notes: 0 });
  });
});

describe.each(testEngines())('compound access demo seed (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof parkingWorld>>;
  beforeAll(async () => {
    w = await parkingWorld(engine);
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('writes five zones and six notes (four confirmed, one pending), then nothing', async () => {
    expect(await seedDemoParkingAndAccess(w.t.deps, w.users)).toEqual({ zones: 5, notes: 6 });
    expect(await seedDemoParkingAndAccess(w.t.deps, w.users)).toEqual({ zones: 0, notes: 0 });
    const db = w.t.database.db;
    expect(await countRows(db, 'compound_access', sql`status = 'confirmed'`)).toBe(4);
    expect(await countRows(db, 'compound_access', sql`status = 'reported'`)).toBe(1);
    expect(await countRows(db, 'parking_zone', sql`region_code like '511111%'`)).toBe(2);
    // The pending one sits next to a confirmed one of the same name: the queue suggests it.
    const svc = createCompoundAccessService(w.t.deps);
    const q = await svc.queue(w.actors.community, { page: 1, pageSize: 20, status: 'reported' });
    expect(q.items).toHaveLength(1);
    expect(q.items[0]!.duplicates).toHaveLength(1);
  });
});
