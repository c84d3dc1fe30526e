import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/index.ts';
import { projectsWorld } from './fixtures.ts';

describe('projects HTTP', () => {
  let w: Awaited<ReturnType<typeof projectsWorld>>;
  let dispatcher: Record<string, string>;
  let handler: Record<string, string>;
  beforeAll(async () => {
    w = await projectsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    const session = async (login: string) => {
      const s = await identity.startSessionFor(w.users[login]!);
      return { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    };
    dispatcher = await session('szq.dispatch');
    handler = await session('szq.scjg');
  }, 120_000);
  afterAll(async () => w?.t.close());

  const body = () => ({
    title: '商圈电动车停放',
    categoryId: w.categories.get('env.ebike_parking')!,
    regionCode: '511102',
    leadUnitId: w.orgs['szq.scjg']!,
  });

  it('validates the body and answers the error envelope', async () => {
    const r = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: dispatcher,
      payload: { title: 'x' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('common.validation');
    const bad = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: dispatcher,
      payload: { ...body(), leadUnitId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('project.unit_not_found');
    const action = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects/01900000-0000-7000-8000-000000000000/actions',
      headers: dispatcher,
      payload: { kind: 'report_up' },
    });
    expect(action.statusCode).toBe(400);
  });

  it('creates, lists and scopes projects', async () => {
    const r = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: dispatcher,
      payload: body(),
    });
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p.code).toMatch(/^XM-511102-\d{4}-\d{3}$/);
    expect(p.actions).toMatchObject({ activate: true, resolve: false, update: true });
    // Outside the dispatcher's district.
    const out = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: dispatcher,
      payload: { ...body(), regionCode: '511111', leadUnitId: w.orgs['swq.shawan']! },
    });
    expect(out.statusCode).toBe(403);
    // The lead unit's handler sees it, may add progress once active, may not edit it.
    const seen = await w.t.app.inject({ method: 'GET', url: `/api/v1/projects/${p.id}`, headers: handler });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().actions).toMatchObject({ update: false, progress: false });
    const patch = await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      headers: handler,
      payload: { plan: '改' },
    });
    expect(patch.statusCode).toBe(403);
    const list = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/projects?state=draft',
      headers: dispatcher,
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    const empty = await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      headers: dispatcher,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });
});
