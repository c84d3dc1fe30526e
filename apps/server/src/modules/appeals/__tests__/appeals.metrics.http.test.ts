import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { createMetricsService } from '../appeals.metrics.service.ts';
import { appealsWorld } from './fixtures.ts';

describe('appeal metrics HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const range = `from=${day(-1)}&to=${day(1)}`;
  beforeAll(async () => {
    w = await appealsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['szq.dispatch', 'swq.dispatch', 'szq.admin', 'security']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
    const base = {
      type: 'help' as const,
      categoryId: w.categories.get('policy.weather_fines')!,
      urgency: 'normal' as const,
      description: '沙湾区站点没有休息的地方',
      privacy: 'private' as const,
      anonymous: false,
    };
    for (let i = 0; i < 3; i++)
      await w.svc.create(w.actors.worker2, null, { ...base, regionCode: '511111100' });
    const swqCase = await w.svc.create(w.actors.worker2, null, { ...base, regionCode: '511111100' });
    await w.svc.perform(w.actors.swqDispatcher, swqCase.appeal.id, 'accept', {});
    await w.svc.create(w.actors.worker1, null, { ...base, regionCode: '511102004' });
    await createMetricsService(w.t.deps).generateWeekly(new Date(Date.now() + 7 * 86_400_000));
  }, 120_000);
  afterAll(async () => w?.t.close());

  const get = (login: string | null, url: string) =>
    w.t.app.inject({ method: 'GET', url, headers: login ? headers[login] : {} });

  it('validates the range', async () => {
    const swapped = await get('szq.dispatch', '/api/v1/appeals/metrics?from=2026-03-31&to=2026-03-01');
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().code).toBe('common.validation');
    const long = await get('szq.dispatch', '/api/v1/appeals/metrics?from=2023-01-01&to=2026-01-01');
    expect(long.statusCode).toBe(400);
    expect(
      (await get('szq.dispatch', '/api/v1/appeals/metrics?from=2026-02-30&to=2026-03-01')).statusCode,
    ).toBe(400);
    expect((await get('szq.dispatch', '/api/v1/appeals/metrics?from=x&to=2026-03-01')).statusCode).toBe(400);
    expect((await get(null, `/api/v1/appeals/metrics?${range}`)).statusCode).toBe(401);
    expect((await get('security', `/api/v1/appeals/metrics?${range}`)).statusCode).toBe(403);
  });

  it('gives a 市中区 actor no 沙湾区 numbers', async () => {
    const mine = await get('szq.dispatch', `/api/v1/appeals/metrics?${range}`);
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    expect(body.definitions).toHaveLength(8);
    expect(body.totals.find((t: { key: string }) => t.key === 'response').denominator).toBeLessThanOrEqual(1);
    expect(body.breakdowns.region.map((r: { key: string }) => r.key)).not.toContain('511111');
    expect(body.breakdowns.region.map((r: { key: string }) => r.key)).not.toContain('511111100');
    const theirs = await get('szq.dispatch', `/api/v1/appeals/metrics?${range}&regionCode=511111`);
    expect(theirs.json().totals.every((t: { denominator: number }) => t.denominator === 0)).toBe(true);
    const drill = await get(
      'szq.dispatch',
      `/api/v1/appeals/metrics/cases?${range}&metric=response&side=denominator&regionCode=511111`,
    );
    expect(drill.statusCode).toBe(200);
    expect(drill.json().items).toEqual([]);
    const swq = await get(
      'swq.dispatch',
      `/api/v1/appeals/metrics/cases?${range}&metric=response&side=numerator`,
    );
    expect(swq.json().total).toBe(1);
    expect(swq.body).not.toContain('511102004');
  });

  it('lists, shows and exports summaries (audited), and freezes only ended months', async () => {
    const list = await get('szq.admin', '/api/v1/appeals/summaries');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; regionCode: string }[];
    expect(items.map((i) => i.regionCode)).toEqual(['511102']);
    const one = await get('szq.admin', `/api/v1/appeals/summaries/${items[0]!.id}`);
    expect(one.json().payload.newCases).toBe(1);
    const x = await get('szq.admin', `/api/v1/appeals/summaries/${items[0]!.id}.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('概况')!;
    expect(String(ws.getCell('A1').value)).toContain('诉求办理周报');
    expect(ws.getCell('A2').value).toBe('项目');
    expect(ws.getCell('B3').value).toBe(1);
    const audit = (await w.t.database.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'appeal.summary_export'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(1);
    const other = await get('swq.dispatch', `/api/v1/appeals/summaries/${items[0]!.id}`);
    expect(other.statusCode).toBe(404);

    const post = (login: string, payload: object) =>
      w.t.app.inject({
        method: 'POST',
        url: '/api/v1/appeals/metrics/freeze',
        payload,
        headers: headers[login],
      });
    expect((await post('szq.dispatch', { month: '2025-01', regionCode: '511102' })).statusCode).toBe(403);
    expect((await post('szq.admin', { month: '2025-13', regionCode: '511102' })).statusCode).toBe(400);
    expect((await post('szq.admin', { month: '2999-01', regionCode: '511102' })).statusCode).toBe(400);
    expect((await post('szq.admin', { month: '2025-01', regionCode: '511111' })).statusCode).toBe(403);
    expect((await post('szq.admin', { month: '2025-01', regionCode: '511102' })).statusCode).toBe(201);
    expect((await post('szq.admin', { month: '2025-01', regionCode: '511102' })).statusCode).toBe(409);
    const served = await get('szq.admin', '/api/v1/appeals/metrics?from=2025-01-01&to=2025-01-31');
    expect(served.json().frozen.month).toBe('2025-01');
  });
});
