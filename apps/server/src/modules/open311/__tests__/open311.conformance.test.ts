import { APPEAL_TYPES } from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { type AppealsService, createAppealsService } from '../../appeals/index.ts';
import { createIdentityService } from '../../identity/index.ts';
import { type Plain, parseXml, plainJson, plainXml } from './xml-check.ts';

/**
 * GeoReport v2 conformance, written from the spec (open311.org GeoReport v2, Service Discovery,
 * mySociety's servicerequestupdates), in XML and JSON, on every database engine.
 */

type Fmt = 'xml' | 'json';
type Row = Record<string, Plain>;

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const DAY = 86_400_000;
const PERSONAL = {
  first_name: '小明',
  last_name: '王',
  phone: '13812345678',
  email: 'wang.xiaoming@example.com',
};

describe.each(testEngines())('Open311 GeoReport v2 on %s', (engine) => {
  let t: TestApp;
  let appeals: AppealsService;
  let apiKey: string;
  let workerKey: string;
  let liaisonKey: string;
  let dispatcher: Actor;
  let handler: Actor;
  let scjgId: string;
  let ipSeq = 0;
  const started = new Date();

  beforeAll(async () => {
    t = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
    const seeded = await seedDemo(t.deps, { appeals: true });
    appeals = createAppealsService(t.deps);
    const identity = createIdentityService(t.deps);
    const actorOf = async (login: string): Promise<Actor> => {
      const s = await identity.startSessionFor(seeded.userIds[login]!);
      const auth = await identity.authenticate({ cookie: s.token });
      return auth!.actor;
    };
    const tokenFor = async (login: string) =>
      (
        await identity.createToken(
          await actorOf(login),
          { name: 'open311' },
          { requestId: 't', ip: '127.0.0.1' },
        )
      ).token;
    // The integration account: a dispatcher of 市中区 (may file appeals as staff intake).
    apiKey = await tokenFor('szq.dispatch');
    workerKey = await tokenFor('worker1');
    liaisonKey = await tokenFor('platform');
    dispatcher = await actorOf('szq.dispatch');
    handler = await actorOf('szq.scjg');
    scjgId = seeded.orgIds['szq.scjg']!;
  }, 600_000);
  afterAll(async () => t?.close());

  /** Each POST group comes from its own address: POST is limited to 10 a minute per address. */
  const newIp = () => `10.0.0.${++ipSeq}`;

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (fmt: Fmt, fields: Record<string, string | string[]>, ip = newIp()) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    return t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${fmt}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: form.toString(),
      remoteAddress: ip,
    });
  };

  /** The answer as plain data, checking content type and, for XML, well-formedness. */
  function read(r: { headers: Record<string, unknown>; body: string }, fmt: Fmt): Plain {
    const type = String(r.headers['content-type']);
    if (fmt === 'json') {
      expect(type).toMatch(/^application\/json; charset=utf-8/);
      return plainJson(JSON.parse(r.body));
    }
    expect(type).toMatch(/^text\/xml; charset=utf-8/);
    const { declaration, root } = parseXml(r.body);
    expect(declaration).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>$/);
    return { [root.name]: plainXml(root) };
  }

  /** Same resource in both formats: the XML root, and the same data. */
  async function both(path: string, root: string): Promise<{ status: number; data: Plain }> {
    const x = await get(path.replace('{fmt}', 'xml'));
    const j = await get(path.replace('{fmt}', 'json'));
    expect(x.statusCode).toBe(j.statusCode);
    const xd = read(x, 'xml') as Record<string, Plain>;
    expect(Object.keys(xd)).toEqual([root]);
    expect(xd[root]).toEqual(read(j, 'json'));
    return { status: j.statusCode, data: xd[root] as Plain };
  }

  function expectErrors(data: Plain, code: number) {
    expect(Array.isArray(data)).toBe(true);
    const list = data as Row[];
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) {
      expect(e.code).toBe(String(code));
      expect(typeof e.description).toBe('string');
    }
  }

  const validRequest = (extra: Record<string, string | string[]> = {}) => ({
    api_key: apiKey,
    jurisdiction_id: 'leshan.example.org',
    service_code: 'env.ebike_parking',
    lat: '29.5521',
    long: '103.7656',
    address_string: '嘉州长卷 南门',
    'attribute[type]': 'suggestion',
    'attribute[urgency]': 'normal',
    description: `新村路口没有电动车停放点，外卖骑手只能停在路边被贴条。联系我 ${PERSONAL.phone}`,
    device_id: 'device-1',
    account_id: 'acct-1',
    media_url: 'https://img.example.org/p/1.jpg',
    ...PERSONAL,
    ...extra,
  });

  const created = { xml: '', json: '', private: '', resolved: '' };

  // ---- discovery ----------------------------------------------------------------------------

  it('discovery: changeset, contact, key_service and a GeoReport v2 endpoint offering text/xml', async () => {
    const { status, data } = await both('/open311/v2/discovery.{fmt}', 'discovery');
    expect(status).toBe(200);
    const d = data as Row;
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.changeset).toMatch(W3C);
    expect(d.key_service).toContain('api_key');
    const [ep] = d.endpoints as Row[];
    expect(ep!.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(ep!.url).toMatch(/\/open311\/v2$/);
    expect(['production', 'test']).toContain(ep!.type);
    expect(ep!.formats).toEqual(['text/xml', 'application/json']);
  });

  // ---- services -----------------------------------------------------------------------------

  it('service list: public categories with code, name, group, metadata and type realtime', async () => {
    const { status, data } = await both('/open311/v2/services.{fmt}?jurisdiction_id=anything', 'services');
    expect(status).toBe(200);
    const list = data as Row[];
    expect(list.length).toBeGreaterThan(5);
    const codes = list.map((s) => s.service_code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const s of list) {
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect(s.metadata).toBe('true');
      expect(s.type).toBe('realtime');
    }
    const ebike = list.find((s) => s.service_code === 'env.ebike_parking')!;
    expect(ebike.group).toBe('改善工作环境');
    // Areas (categories with problems below them) are groups, not services.
    expect(codes).not.toContain('env');
    // JSON: booleans are booleans, arrays at the top level.
    const j = (await get('/open311/v2/services.json')).json();
    expect(Array.isArray(j)).toBe(true);
    expect(j[0].metadata).toBe(true);
  });

  it('service definition: type (five values, required) and urgency as singlevaluelist attributes', async () => {
    const { status, data } = await both('/open311/v2/services/env.ebike_parking.{fmt}', 'service_definition');
    expect(status).toBe(200);
    const d = data as Row;
    expect(d.service_code).toBe('env.ebike_parking');
    const attrs = d.attributes as Row[];
    const orders = attrs.map((a) => Number(a.order));
    expect(new Set(orders).size).toBe(orders.length);
    for (const a of attrs) {
      expect(a.variable).toBe('true');
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(
        a.datatype,
      );
      expect(['true', 'false']).toContain(a.required);
      expect(Number(a.order)).toBeGreaterThan(0);
    }
    const type = attrs.find((a) => a.code === 'type')!;
    expect(type.datatype).toBe('singlevaluelist');
    expect(type.required).toBe('true');
    expect((type.values as Row[]).map((v) => v.key)).toEqual([...APPEAL_TYPES]);
    expect((type.values as Row[]).map((v) => v.name)).toContain('投诉');
    const urgency = attrs.find((a) => a.code === 'urgency')!;
    expect((urgency.values as Row[]).map((v) => v.key)).toEqual(['normal', 'urgent', 'critical']);
    const region = attrs.find((a) => a.code === 'region')!;
    expect((region.values as Row[]).map((v) => v.key)).toContain('511111');
    // JSON: the definition is an object, not an array.
    expect(Array.isArray((await get('/open311/v2/services/env.ebike_parking.json')).json())).toBe(false);
  });

  it('unknown service code, unknown path and unknown token: 404 with an error array', async () => {
    for (const path of [
      '/open311/v2/services/nope.{fmt}',
      '/open311/v2/no-such-thing.{fmt}',
      '/open311/v2/tokens/12345.{fmt}',
      '/open311/v2/requests/SQ-000000-20000101-0001.{fmt}',
    ]) {
      const { status, data } = await both(path, 'errors');
      expect(status, path).toBe(404);
      expectErrors(data, 404);
    }
  });

  // ---- POST ---------------------------------------------------------------------------------

  it('POST without api_key, or with a wrong one: 403 with an error array (XML and JSON)', async () => {
    const ip = newIp();
    for (const fmt of ['xml', 'json'] as const) {
      const { api_key: _, ...noKey } = validRequest();
      const r = await post(fmt, noKey, ip);
      expect(r.statusCode).toBe(403);
      expectErrors(fmt === 'xml' ? (read(r, 'xml') as Row).errors! : read(r, 'json'), 403);
      const wrong = await post(fmt, validRequest({ api_key: 'nx_not-a-real-token' }), ip);
      expect(wrong.statusCode).toBe(403);
    }
    // Keys of accounts that may not file appeals (a worker, a platform liaison).
    for (const key of [workerKey, liaisonKey]) {
      const r = await post('json', validRequest({ api_key: key }), ip);
      expect(r.statusCode).toBe(403);
      expectErrors(read(r, 'json'), 403);
    }
  });

  it('POST with a missing or unknown service_code, location or type: 400/404 per the spec', async () => {
    const ip = newIp();
    const { service_code: _, ...noCode } = validRequest();
    const missing = await post('xml', noCode, ip);
    expect(missing.statusCode).toBe(400);
    expectErrors((read(missing, 'xml') as Row).errors!, 400);
    const unknown = await post('json', validRequest({ service_code: 'no.such' }), ip);
    expect(unknown.statusCode).toBe(404);
    expectErrors(read(unknown, 'json'), 404);
    const { lat: _a, long: _b, address_string: _c, ...noPlace } = validRequest();
    const noLocation = await post('json', noPlace, ip);
    expect(noLocation.statusCode).toBe(400);
    expect(noLocation.body).toContain('location');
    const halfPoint = await post('json', { ...noPlace, lat: '29.55' }, ip);
    expect(halfPoint.statusCode).toBe(400);
    const noType = await post('json', validRequest({ 'attribute[type]': '' }), ip);
    expect(noType.statusCode).toBe(400);
    expect(noType.body).toContain('attribute[type]');
    const badType = await post('json', validRequest({ 'attribute[type]': 'praise' }), ip);
    expect(badType.statusCode).toBe(400);
    const tooLong = await post('json', validRequest({ description: 'x'.repeat(4001) }), ip);
    expect(tooLong.statusCode).toBe(400);
  });

  it('POST files a case on channel open311 and answers service_request_id, service_notice, account_id', async () => {
    const ip = newIp();
    const x = await post('xml', validRequest(), ip);
    expect(x.statusCode).toBe(200);
    const xr = (read(x, 'xml') as Row).service_requests as Row[];
    expect(xr).toHaveLength(1);
    expect(Object.keys(xr[0]!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(xr[0]!.service_request_id).toMatch(/^SQ-511102-\d{8}-\d{4}$/);
    expect(xr[0]!.service_notice).toContain('工作日');
    created.xml = xr[0]!.service_request_id as string;

    // JSON, a location given only as an address naming the county, a multivalue-style attribute.
    const j = await post(
      'json',
      {
        api_key: apiKey,
        service_code: 'safety.truck_theft',
        address_string: '乐山市沙湾区 沫若广场货车停车场',
        'attribute[type]': 'report',
        'attribute[urgency][]': ['urgent'],
        description: '停车场夜里有人偷油',
      },
      ip,
    );
    expect(j.statusCode).toBe(200);
    const jr = j.json();
    expect(Array.isArray(jr)).toBe(true);
    expect(jr[0].service_request_id).toMatch(/^SQ-511111-/);
    expect(jr[0]).not.toHaveProperty('token');
    created.json = jr[0].service_request_id;

    // A private one: filed, but never published.
    const p = await post(
      'json',
      validRequest({ 'attribute[privacy]': 'private', description: '私密诉求 不公开' }),
      ip,
    );
    expect(p.statusCode).toBe(200);
    created.private = p.json()[0].service_request_id;

    // The case is an ordinary case in the workbench, channel open311, with the contact encrypted.
    const list = await appeals.list(dispatcher, { queue: 'all', q: created.xml, page: 1, pageSize: 5 });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.channel).toBe('open311');
    const detail = await appeals.get(dispatcher, list.items[0]!.id);
    expect(detail.reporter.contactName).toBe('王小明');
    expect(detail.reporter.contactPhoneMasked).toBe('138****5678');
    expect(detail.description).toContain('https://img.example.org/p/1.jpg');
    expect(detail.location?.address).toBe('嘉州长卷 南门');
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'open311.request_create' and entity_id = $1`,
      [detail.id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('GET the new request back: status open, our sub-state in status_notes, +08:00 times, WGS-84', async () => {
    const { status, data } = await both(`/open311/v2/requests/${created.xml}.{fmt}`, 'service_requests');
    expect(status).toBe(200);
    const [r] = data as Row[];
    expect(Object.keys(r!)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(r!.service_request_id).toBe(created.xml);
    expect(r!.status).toBe('open');
    expect(r!.status_notes).toBe('待受理 (submitted)');
    expect(r!.service_code).toBe('env.ebike_parking');
    expect(r!.requested_datetime).toMatch(W3C);
    expect(r!.updated_datetime).toMatch(W3C);
    expect(Number(r!.lat)).toBeCloseTo(29.5521, 6);
    expect(Number(r!.long)).toBeCloseTo(103.7656, 6);
    // The public summary: scrubbed, at most 40 characters (plus the ellipsis).
    expect([...(r!.description as string)].length).toBeLessThanOrEqual(41);
    const json = (await get(`/open311/v2/requests/${created.xml}.json`)).json();
    expect(typeof json[0].lat).toBe('number');
  });

  it('private cases are never published', async () => {
    const one = await get(`/open311/v2/requests/${created.private}.json`);
    expect(one.statusCode).toBe(404);
    const list = await get(`/open311/v2/requests.json?service_request_id=${created.private},${created.xml}`);
    expect(list.json().map((r: Row) => r.service_request_id)).toEqual([created.xml]);
    // Every published case is public.
    const all = (await get('/open311/v2/requests.json')).json() as Row[];
    const ids = all.map((r) => r.service_request_id as string);
    expect(ids).not.toContain(created.private);
    const priv = await t.database.query<{ n: number }>(
      `select count(*)::int as n from appeal where privacy <> 'public' and case_no = any($1::text[])`,
      [ids],
    );
    expect(priv.rows[0]!.n).toBe(0);
  });

  it('GET requests: service_request_id list overrides the other filters', async () => {
    const { status, data } = await both(
      `/open311/v2/requests.{fmt}?service_request_id=${created.xml},${created.json}&status=closed&service_code=no.such&start_date=2000-01-01T00:00:00Z&end_date=2000-01-02T00:00:00Z`,
      'service_requests',
    );
    expect(status).toBe(200);
    expect((data as Row[]).map((r) => r.service_request_id).sort()).toEqual(
      [created.xml, created.json].sort(),
    );
  });

  it('GET requests: date window, service_code, status', async () => {
    const start = new Date(started.getTime() - 60_000).toISOString();
    const end = new Date(Date.now() + 60_000).toISOString();
    const recent = (
      await get(`/open311/v2/requests.json?start_date=${start}&end_date=${end}`)
    ).json() as Row[];
    expect(recent.map((r) => r.service_request_id).sort()).toEqual([created.xml, created.json].sort());
    const byCode = (
      await get(`/open311/v2/requests.json?service_code=safety.truck_theft,no.such&start_date=${start}`)
    ).json() as Row[];
    expect(byCode.map((r) => r.service_request_id)).toEqual([created.json]);
    const open = (await get('/open311/v2/requests.json?status=open')).json() as Row[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as Row[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const either = (await get('/open311/v2/requests.json?status=open,closed')).json() as Row[];
    expect(either.length).toBe(open.length + closed.length);
    // Older demo cases are reachable with an explicit window.
    const old = (
      await get(
        `/open311/v2/requests.json?start_date=${new Date(Date.now() - 300 * DAY).toISOString()}&end_date=${new Date(Date.now() - 211 * DAY).toISOString()}`,
      )
    ).json() as Row[];
    expect(old.length).toBeGreaterThan(0);
    for (const r of old) expect(r.status).toBe('closed');
  });

  it('GET requests: default window is the last 90 days (at most 1000), newest first', async () => {
    const { data } = await both('/open311/v2/requests.{fmt}', 'service_requests');
    const list = data as Row[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(1000);
    const times = list.map((r) => Date.parse(r.requested_datetime as string));
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(Date.now() - 90 * DAY - 60_000);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const r = await get('/open311/v2/requests.json');
    expect(Number(r.headers['x-total-count'])).toBe(list.length);
  });

  it('GET requests: bad dates, spans over 90 days and bad status are 400 errors', async () => {
    for (const q of [
      'start_date=yesterday',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      'start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      'status=pending',
      'page=0',
      'page_size=1001',
    ]) {
      const { status, data } = await both(`/open311/v2/requests.{fmt}?${q}`, 'errors');
      expect(status, q).toBe(400);
      expectErrors(data, 400);
    }
  });

  it('GET requests: page / page_size extension', async () => {
    const all = (await get('/open311/v2/requests.json?page_size=10')).json() as Row[];
    const p1 = (await get('/open311/v2/requests.json?page_size=5&page=1')).json() as Row[];
    const p2 = (await get('/open311/v2/requests.json?page_size=5&page=2')).json() as Row[];
    expect(p1).toHaveLength(5);
    expect([...p1, ...p2].map((r) => r.service_request_id)).toEqual(all.map((r) => r.service_request_id));
    const far = (await get('/open311/v2/requests.json?page_size=5&page=100000')).json();
    expect(far).toEqual([]);
    const x = await get('/open311/v2/requests.xml?page_size=5&page=100000');
    expect((read(x, 'xml') as Row).service_requests).toEqual([]);
  });

  it('a closed case shows closed, with the sub-state in status_notes', async () => {
    const idOf = async (caseNo: string) =>
      (await appeals.list(dispatcher, { queue: 'all', q: caseNo, page: 1, pageSize: 1 })).items[0]!.id;
    // 不予受理 → closed.
    const refused = await idOf(created.xml);
    await appeals.perform(dispatcher, refused, 'refuse', { reason: '不属于诉求受理范围' });
    const r1 = (await get(`/open311/v2/requests/${created.xml}.json`)).json()[0];
    expect(r1.status).toBe('closed');
    expect(r1.status_notes).toBe('不予受理 (refused)');

    // A full loop: dispatch → sign → resolve (已办结) → closed, with an expected_datetime.
    const caseNo = (await post('json', validRequest({ description: '第二个诉求，用于办结测试' }))).json()[0]
      .service_request_id as string;
    created.resolved = caseNo;
    const id = await idOf(caseNo);
    await appeals.perform(dispatcher, id, 'dispatch', { unitId: scjgId });
    const dispatched = (await get(`/open311/v2/requests/${caseNo}.json`)).json()[0];
    expect(dispatched.status).toBe('open');
    expect(dispatched.status_notes).toBe('待签收 (dispatched)');
    expect(dispatched.expected_datetime).toMatch(W3C);
    expect(dispatched.agency_responsible).toBe('乐山市市中区市场监督管理局');
    await appeals.perform(handler, id, 'sign', {});
    await appeals.perform(handler, id, 'resolve', { reply: '已在新村路口增设停放点' });
    const { data } = await both(`/open311/v2/requests/${caseNo}.{fmt}`, 'service_requests');
    const [r] = data as Row[];
    expect(r!.status).toBe('closed');
    expect(r!.status_notes).toBe('已办结 (resolved)');
    const closed = (
      await get('/open311/v2/requests.json?status=closed&service_code=env.ebike_parking')
    ).json();
    expect(closed.map((x: Row) => x.service_request_id)).toContain(caseNo);
  });

  it('servicerequestupdates: one update per public event of public cases, with FMS statuses', async () => {
    const start = new Date(started.getTime() - 60_000).toISOString();
    const { status, data } = await both(
      `/open311/v2/servicerequestupdates.{fmt}?start_date=${start}`,
      'service_request_updates',
    );
    expect(status).toBe(200);
    const updates = data as Row[];
    for (const u of updates) {
      expect(Object.keys(u)).toEqual([
        'update_id',
        'service_request_id',
        'status',
        'updated_datetime',
        'description',
        'media_url',
        'external_status_code',
      ]);
      expect(u.updated_datetime).toMatch(W3C);
    }
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(updates.length);
    const of = (caseNo: string) => updates.filter((u) => u.service_request_id === caseNo);
    expect(of(created.xml).map((u) => [u.status, u.external_status_code])).toEqual([
      ['open', 'submitted'],
      ['not_councils_responsibility', 'refused'],
    ]);
    expect(of(created.resolved).map((u) => u.status)).toEqual([
      'open',
      'in_progress',
      'in_progress',
      'fixed',
    ]);
    expect(of(created.private)).toEqual([]);
    // The demo year has public events in the default window too.
    const dflt = (await get('/open311/v2/servicerequestupdates.json')).json() as Row[];
    expect(dflt.length).toBeGreaterThan(updates.length);
  });

  it('no personal data in any public answer', async () => {
    const start = new Date(started.getTime() - 60_000).toISOString();
    const urls = [
      `/open311/v2/requests.{fmt}?start_date=${start}`,
      `/open311/v2/requests/${created.json}.{fmt}`,
      `/open311/v2/servicerequestupdates.{fmt}?start_date=${start}`,
      '/open311/v2/requests.{fmt}',
    ];
    for (const u of urls)
      for (const fmt of ['xml', 'json'] as const) {
        const body = (await get(u.replace('{fmt}', fmt))).body;
        for (const v of Object.values(PERSONAL)) expect(body, u).not.toContain(v);
        expect(body).not.toContain('img.example.org');
        expect(body).not.toContain('不公开');
        expect(body).not.toContain('已在新村路口增设停放点'); // staff reply text stays in the app
      }
  });

  it('XML escapes what it carries and stays well-formed', async () => {
    const r = await post(
      'xml',
      validRequest({ description: 'A&B <t> "q" \'s\' ]]> \u0001控制', address_string: '<地址> & 号' }),
    );
    expect(r.statusCode).toBe(200);
    const caseNo = ((read(r, 'xml') as Row).service_requests as Row[])[0]!.service_request_id as string;
    const x = await get(`/open311/v2/requests/${caseNo}.xml`);
    const [req] = (read(x, 'xml') as Row).service_requests as Row[];
    expect(req!.description).toBe('A&B <t> "q" \'s\' ]]> 控制');
    expect(req!.address).toBe('<地址> & 号');
  });

  it('POST is rate limited per address like sign-in (10 a minute), with an Open311 error', async () => {
    const ip = newIp();
    const { api_key: _, ...noKey } = validRequest();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await post('xml', noKey, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 403)).toBe(true);
    const last = await post('json', noKey, ip);
    expect(last.statusCode).toBe(429);
    expectErrors(read(last, 'json'), 429);
  });
});
