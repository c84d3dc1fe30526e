import { permissionsOf, type Role } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createAppealsService } from '../appeals/index.ts';
import { getOrg } from '../orgs/index.ts';
import { createProjectsService } from './projects.service.ts';

/**
 * Three demo governance projects in 沙湾区 and 市中区 linking demo appeals of their category:
 * 外卖电动车专属停放区, 小区进门难, 货车停车场防盗. Idempotent: nothing happens once any project
 * exists.
 */

function staff(
  userId: string,
  name: string,
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string },
): Actor {
  return {
    userId,
    name,
    kind: 'staff',
    isPartyMember: false,
    grants: [
      {
        id: `seed-${role}-${grant.orgId ?? grant.regionCode}`,
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

export async function seedDemoProjects(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<number> {
  const db = deps.database.db;
  const r = (await db.execute(sql`select count(*)::int as n from gov_project`)) as unknown as {
    rows: { n: number }[];
  };
  if (Number(r.rows[0]?.n ?? 0) > 0) return 0;
  const appeals = createAppealsService(deps);
  const projects = createProjectsService(deps, { appeals });
  const categories = new Map((await appeals.categories()).map((c) => [c.code, c.id]));
  const swq = staff(userIds['swq.dispatch']!, '沙湾区调度值班员', 'dispatcher', { regionCode: '511111' });
  const szq = staff(userIds['szq.dispatch']!, '市中区调度值班员', 'dispatcher', { regionCode: '511102' });

  /** Demo cases of a category in a district, newest first. */
  const casesOf = async (actor: Actor, code: string, regionCode: string, n: number) => {
    const categoryId = categories.get(code);
    if (!categoryId) return [];
    const page = await appeals.list(actor, { queue: 'all', categoryId, regionCode, page: 1, pageSize: 50 });
    return page.items
      .filter((a) => a.categoryId === categoryId)
      .slice(0, n)
      .map((a) => a.id);
  };
  let created = 0;
  const plans = [
    {
      actor: swq,
      code: 'env.ebike_parking',
      regionCode: '511111',
      title: '外卖电动车专属停放区',
      lead: 'swq.shawan',
      co: ['swq.shawan.c1', 'swq.jianong.c1'],
      plan: '在商圈、医院、学校周边选址设置外卖电动车专属停放区：踏勘选址、划线设牌、投用回访。',
      concentrated: true,
      milestones: [
        { title: '商圈及医院周边踏勘选址', dueDate: '2026-03-31', done: true },
        { title: '划线设牌并公示', dueDate: '2026-05-31', done: false },
        { title: '投用一个月后回访骑手', dueDate: '2026-07-15', done: false },
      ],
      progress: ['已会同沙湾镇完成 6 处点位踏勘'],
      actions: [{ kind: 'coordinate' as const, org: 'swq.shawan.c1', note: '协调社区腾出商圈背街停放空间' }],
    },
    {
      actor: szq,
      code: 'env.compound_entry',
      regionCode: '511102',
      title: '小区进门难：骑手送餐通行',
      lead: 'szq.dafo',
      co: ['szq.dafo.c1', 'szq.tongjiang.c1', 'szq.ga'],
      plan: '推动物业对已登记骑手刷码进门，设置送餐取餐点；涉及街道、公安、物业，按跨部门事项由行业党委统筹。',
      crossDepartment: true,
      milestones: [
        { title: '摸排不让进门的小区名单', dueDate: '2026-04-15', done: true },
        { title: '与物业签订骑手通行约定', dueDate: '2026-06-30', done: false },
      ],
      progress: ['已摸排 12 个小区，其中 5 个同意试点'],
      actions: [
        { kind: 'mobilise' as const, org: 'szq.ga', note: '动员公安分局协助骑手身份核验' },
        { kind: 'coordinate' as const, org: 'szq.dafo.c1', note: '协调社区召集物业座谈' },
      ],
    },
    {
      actor: swq,
      code: 'safety.truck_theft',
      regionCode: '511111',
      title: '货车停车场防盗',
      lead: 'swq.jtys',
      co: ['swq.shawan'],
      plan: '加装监控、夜间巡逻、与公安联动；停车场跨区域经营，上报市级主管部门统筹。',
      crossRegion: true,
      milestones: [{ title: '停车场加装高清监控', dueDate: '2026-05-31', done: false }],
      progress: ['已与停车场经营方约定夜间值守'],
      actions: [
        { kind: 'report_up' as const, name: '乐山市交通运输局', note: '上报跨区域货车停车场治安问题' },
      ],
    },
  ];
  for (const p of plans) {
    const appealIds = await casesOf(p.actor, p.code, p.regionCode, 6);
    const categoryId = categories.get(p.code);
    const leadUnitId = orgIds[p.lead];
    if (!categoryId || !leadUnitId) continue;
    const project = await projects.create(p.actor, null, {
      title: p.title,
      categoryId,
      regionCode: p.regionCode,
      leadUnitId,
      coUnitIds: p.co.map((k) => orgIds[k]).filter((x): x is string => !!x),
      plan: p.plan,
      level: 'district_department',
      appealIds,
      concentrated: p.concentrated ?? false,
      crossRegion: p.crossRegion ?? false,
      crossDepartment: p.crossDepartment ?? false,
    });
    await projects.activate(p.actor, null, project.id);
    for (const m of p.milestones) {
      const d = await projects.addMilestone(p.actor, null, project.id, {
        title: m.title,
        dueDate: m.dueDate,
      });
      if (m.done)
        await projects.completeMilestone(
          p.actor,
          null,
          project.id,
          d.milestones.find((x) => x.title === m.title)!.id,
        );
    }
    for (const note of p.progress) await projects.addProgress(p.actor, null, project.id, note);
    for (const a of p.actions) {
      const orgId = 'org' in a ? orgIds[a.org] : undefined;
      const org = orgId ? await getOrg(db, orgId) : null;
      await projects.logAction(p.actor, null, project.id, {
        kind: a.kind,
        ...(org ? { targetOrgId: org.id } : { targetName: 'name' in a ? a.name : '' }),
        note: a.note,
      });
    }
    created++;
  }
  return created;
}
