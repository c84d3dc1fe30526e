import {
  compoundAccessNearbyReply,
  compoundAccessQueueReply,
  compoundAccessSchema,
  myCompoundAccessReply,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { countRows, DAFO, eventually, parkingWorld, SHAWAN } from './parking-fixtures.ts';

describe('compound access HTTP', () => {
  let w: Awaited<ReturnType<typeof parkingWorld>>;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    w = await parkingWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'worker2', 'szq.community', 'szq.admin', 'swq.admin', 'szq.dispatch']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    compoundName: '嘉州花园',
    regionCode: DAFO.region,
    location: { lat: DAFO.lat, lng: DAFO.lng, crs: 'wgs84' },
    entry: 'call_guard',
    note: '北门门岗登记后可进',
    ...over,
  });
  const report = (login: string | null, payload: object, key?: string) =>
    w.t.app.inject({
      method: 'POST',
      url: '/api/v1/compound-access',
      headers: { ...(login ? headers[login] : {}), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const review = (login: string, id: string, payload: object) =>
    w.t.app.inject({
      method: 'POST',
      url: `/api/v1/compound-access/${id}/review`,
      headers: headers[login],
      payload,
    });
  const queue = (login: string, query: Record<string, string> = {}) =>
    w.t.app.inject({ method: 'GET', url: '/api/v1/compound-access/queue', headers: headers[login], query });

  it('refuses gate codes with compound_access.no_codes and stores nothing', async () => {
    const before = await countRows(w.t.database.db, 'compound_access');
    for (const note of ['门禁码 1234#', '密码 ５６７８', '按 8 8 8 8 进门']) {
      const r = await report('worker1', body({ note }));
      expect(r.statusCode, note).toBe(400);
      expect(r.json()).toMatchObject({ code: 'compound_access.no_codes', details: { fields: ['note'] } });
    }
    expect(await countRows(w.t.database.db, 'compound_access')).toBe(before);
  });

  it('validates the report', async () => {
    for (const bad of [
      body({ note: '长'.repeat(201) }),
      body({ entry: 'climb_the_wall' }),
      body({ compoundName: '' }),
      body({ location: undefined }),
      body({ regionCode: 'abc' }),
    ]) {
      const r = await report('worker1', bad);
      expect(r.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    expect((await report('worker1', body({ note: '长'.repeat(200) }))).statusCode).toBe(201);
  });

  it('is idempotent on the Idempotency-Key: 201 then 200 with the same note, one row', async () => {
    const payload = body({ compoundName: '幂等花园' });
    const a = await report('worker1', payload, 'same-key');
    const b = await report('worker1', payload, 'same-key');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(compoundAccessSchema.parse(b.json()).id).toBe(a.json().id);
    expect(await countRows(w.t.database.db, 'compound_access', sql`compound_name = '幂等花园'`)).toBe(1);
  });

  it('lets only workers report', async () => {
    expect((await report(null, body())).statusCode).toBe(401);
    for (const login of ['szq.community', 'szq.admin', 'szq.dispatch'])
      expect((await report(login, body())).statusCode).toBe(403);
  });

  it('keeps 市中区 staff from reviewing 沙湾区 notes (count-checked)', async () => {
    const swq = compoundAccessSchema.parse(
      (
        await report(
          'worker2',
          body({
            compoundName: '沙湾电厂宿舍',
            regionCode: SHAWAN.region,
            location: { ...SHAWAN, crs: 'wgs84' },
          }),
        )
      ).json(),
    );
    const db = w.t.database.db;
    const reviewed = await countRows(db, 'compound_access', sql`status <> 'reported'`);
    const audits = await countRows(db, 'audit_log', sql`entity_id = ${swq.id}`);
    for (const login of ['szq.community', 'szq.admin']) {
      const r = await review(login, swq.id, { decision: 'confirm' });
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('compound_access.not_found');
    }
    expect((await review('szq.dispatch', swq.id, { decision: 'confirm' })).statusCode).toBe(403);
    expect(await countRows(db, 'compound_access', sql`status <> 'reported'`)).toBe(reviewed);
    expect(await countRows(db, 'audit_log', sql`entity_id = ${swq.id}`)).toBe(audits);
    // Their queue has none of it (count-checked against the table).
    const q = compoundAccessQueueReply.parse((await queue('szq.admin')).json());
    expect(q.items.some((n) => n.id === swq.id)).toBe(false);
    expect(q.total).toBe(await countRows(db, 'compound_access', sql`region_code like '511102%'`));
    const c = compoundAccessQueueReply.parse((await queue('szq.community')).json());
    expect(c.total).toBe(await countRows(db, 'compound_access', sql`region_code = ${DAFO.region}`));
    // 沙湾区's admin may.
    const ok = await review('swq.admin', swq.id, { decision: 'confirm' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('confirmed');
  });

  it('reviews in scope: reason required to reject, once only; the reporter sees the outcome', async () => {
    const note = compoundAccessSchema.parse(
      (await report('worker2', body({ compoundName: '桂花苑' }))).json(),
    );
    const noReason = await review('szq.community', note.id, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('compound_access.reason_required');
    expect((await review('szq.community', note.id, { decision: 'maybe' })).statusCode).toBe(400);
    const ok = await review('szq.community', note.id, { decision: 'confirm', reason: '已与物业核实' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', reviewReason: '已与物业核实' });
    const twice = await review('szq.community', note.id, { decision: 'reject', reason: '重复' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('compound_access.already_reviewed');

    const mine = myCompoundAccessReply.parse(
      (
        await w.t.app.inject({ method: 'GET', url: '/api/v1/me/compound-access', headers: headers.worker2 })
      ).json(),
    );
    expect(mine.items.find((n) => n.id === note.id)).toMatchObject({ status: 'confirmed', mine: true });
    const inbox = await eventually(
      async () =>
        (
          await w.t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: headers.worker2 })
        ).json() as { items: { title: string; link: string }[] },
      (b) => b.items.some((i) => i.title.includes('桂花苑')),
    );
    expect(inbox.items.find((i) => i.title.includes('桂花苑'))!.link).toBe('/m/parking?tab=mine');
  });

  it('shows confirmed notes nearby to signed-in users only, without the reporter', async () => {
    const url = '/api/v1/compound-access';
    const query = { lat: String(DAFO.lat), lng: String(DAFO.lng), radius: '1000' };
    expect((await w.t.app.inject({ method: 'GET', url, query })).statusCode).toBe(401);
    const r = await w.t.app.inject({ method: 'GET', url, query, headers: headers.worker1 });
    expect(r.statusCode).toBe(200);
    const items = compoundAccessNearbyReply.parse(r.json()).items;
    expect(items.some((n) => n.compoundName === '桂花苑' && n.status === 'confirmed')).toBe(true);
    expect(items.filter((n) => n.status !== 'confirmed').every((n) => n.mine)).toBe(true);
    expect(JSON.stringify(items)).not.toContain('李师傅');
    const dist = items.map((n) => n.distanceMeters);
    expect([...dist].sort((a, b) => a - b)).toEqual(dist);
    expect(
      (await w.t.app.inject({ method: 'GET', url, query: { lat: '29.5' }, headers: headers.worker1 }))
        .statusCode,
    ).toBe(400);
  });
});
