import { type CreateAppealInput, permissionsOf, type Role } from '@nuanxin/shared';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { EngineKind } from '../../../platform/db/client.ts';
import { buildTestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { createAppealsService } from '../../appeals/index.ts';
import { getOrg } from '../../orgs/index.ts';
import { createProjectsService } from '../projects.service.ts';

export function staffActor(
  userId: string,
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string },
  name: string = role,
): Actor {
  return {
    userId,
    name,
    kind: 'staff',
    isPartyMember: false,
    grants: [
      {
        id: `t-${role}-${grant.orgId ?? grant.regionCode}`,
        role,
        orgId: grant.orgId ?? null,
        orgPath: grant.orgPath ?? null,
        regionCode: grant.regionCode ?? null,
      },
    ],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}

/** Demo people, organisations and categories (no demo cases), and the actors the tests use. */
export async function projectsWorld(engine: EngineKind) {
  const t = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
  const seeded = await seedDemo(t.deps);
  const orgs = seeded.orgIds;
  const users = seeded.userIds;
  const appeals = createAppealsService(t.deps);
  const projects = createProjectsService(t.deps, { appeals });
  const categories = new Map((await appeals.categories()).map((c) => [c.code, c.id]));
  const unit = async (key: string) => (await getOrg(t.database.db, orgs[key]!))!;
  const scjg = await unit('szq.scjg');
  const swc1 = await unit('swq.shawan.c1');
  const actors = {
    worker: { ...staffActor(users.worker1!, 'worker', {}), kind: 'worker' as const, grants: [] },
    szqDispatch: staffActor(users['szq.dispatch']!, 'dispatcher', { regionCode: '511102' }, '市中区派单员'),
    swqDispatch: staffActor(users['swq.dispatch']!, 'dispatcher', { regionCode: '511111' }, '沙湾区派单员'),
    scjg: staffActor(
      users['szq.scjg']!,
      'department_handler',
      { orgId: scjg.id, orgPath: scjg.path },
      '市场监管局',
    ),
    swc1: staffActor(
      users['szq.community']!,
      'community_staff',
      { orgId: swc1.id, orgPath: swc1.path },
      '沙湾镇社区',
    ),
    cityDispatch: staffActor(users['szq.dispatch']!, 'dispatcher', { regionCode: '511100' }, '市级派单员'),
  };
  const file = async (over: Partial<CreateAppealInput> & { description: string }) =>
    appeals.fileQuietly(actors.worker, {
      type: 'help',
      categoryId: categories.get('env.ebike_parking')!,
      urgency: 'normal',
      regionCode: '511111100',
      privacy: 'public',
      anonymous: false,
      ...over,
    });
  return { t, orgs, users, appeals, projects, categories, actors, file };
}
