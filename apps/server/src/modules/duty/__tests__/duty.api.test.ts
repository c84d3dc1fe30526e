import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../platform/db/ids.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { createIdentityService } from '../../identity/identity.service.ts';
import { dutyAssignment, dutyRota } from '../duty.tables.ts';

describe('POST /api/v1/duty/assignments/:id/acknowledge', () => {
  let t: TestApp;
  let users: Record<string, string>;
  const headers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    t = await buildTestApp('pglite', { NUANXIN_RATE_LIMIT_MAX: '1000000' });
    users = (await seedDemo(t.deps)).userIds;
    const identity = createIdentityService(t.deps);
    for (const login of ['szq.dispatch', 'szq.admin']) {
      const s = await identity.startSessionFor(users[login]!);
      headers.set(login, { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken });
    }
  }, 120_000);
  afterAll(async () => t?.close());

  async function assignmentFor(login: string): Promise<string> {
    const [rota] = await t.database.db.select().from(dutyRota).limit(1);
    const at = new Date();
    const [a] = await t.database.db
      .insert(dutyAssignment)
      .values({
        appealId: newId(),
        caseNo: 'SQ-TEST',
        rotaId: rota!.id,
        userId: users[login]!,
        arrivedAt: at,
        assignedAt: at,
        ackDueAt: new Date(at.getTime() + 1_800_000),
      })
      .returning();
    return a!.id;
  }
  const ack = (id: string, login: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/duty/assignments/${id}/acknowledge`,
      headers: headers.get(login),
    });

  it('the assignee acknowledges once; a second time is 409', async () => {
    const id = await assignmentFor('szq.dispatch');
    const mine = await t.app.inject({
      url: '/api/v1/duty/assignments/mine',
      headers: headers.get('szq.dispatch'),
    });
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(id);
    const r = await ack(id, 'szq.dispatch');
    expect(r.statusCode).toBe(200);
    expect(r.json().acknowledgedAt).not.toBeNull();
    const again = await ack(id, 'szq.dispatch');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('duty.already_acknowledged');
  });

  it('nobody else acknowledges it', async () => {
    const id = await assignmentFor('szq.dispatch');
    const r = await ack(id, 'szq.admin');
    expect(r.statusCode).toBe(403);
    expect((await ack(newId(), 'szq.admin')).statusCode).toBe(404);
  });

  it('the demo rota of 市中区 has no uncovered hour in the current week', async () => {
    const rotas = await t.app.inject({ url: '/api/v1/duty/rotas', headers: headers.get('szq.admin') });
    const szq = rotas.json().items.find((r: { regionCode: string }) => r.regionCode === '511102');
    expect(szq.canManage).toBe(true);
    const from = new Date();
    const to = new Date(from.getTime() + 7 * 86_400_000);
    const cov = await t.app.inject({
      url: `/api/v1/duty/rotas/${szq.id}/coverage`,
      query: { from: from.toISOString(), to: to.toISOString() },
      headers: headers.get('szq.admin'),
    });
    expect(cov.statusCode).toBe(200);
    expect(cov.json()).toMatchObject({ covered: true, gaps: [] });
  });
});
