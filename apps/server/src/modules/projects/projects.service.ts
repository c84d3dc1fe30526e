import {
  type AppealDetailDto,
  type AppealState,
  type AppealSummaryDto,
  type AppealsListQuery,
  ROLE_PERMISSIONS,
  regionPrefix,
} from '@nuanxin/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction, type UnitOfWork } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { type AppealsService, createAppealsService } from '../appeals/index.ts';
import { getOrg, getRegion } from '../orgs/index.ts';
import type { ProjectEventPayload } from './projects.events.ts';
import {
  canProject,
  escalationTarget,
  type ProjectLevel,
  type ProjectOperation,
  projectTransition,
} from './projects.machine.ts';
import {
  canSeeProject,
  isManager,
  mayDo,
  type ProjectFacts,
  type ProjectScope,
  projectActions,
  projectScopeOf,
  visibleProjectsSql,
} from './projects.policy.ts';
import * as repo from './projects.repository.ts';
import type {
  ClustersDto,
  ClustersQuery,
  CreateProjectInput,
  LogActionInput,
  ProjectDetailDto,
  ProjectSummaryDto,
  ProjectsListQuery,
  ResolveProjectResult,
  SuggestionDto,
  SuggestionsDto,
  SuggestionsQuery,
  UpdateProjectInput,
} from './projects.schemas.ts';
import { govProject } from './projects.tables.ts';
import {
  distanceMeters,
  jaccard,
  scoreSimilarity,
  TEXT_THRESHOLD,
  tokenize,
  topTokens,
} from './projects.text.ts';

/**
 * Governance projects 治理项目 (APL-02/04/07). Cases are read and resolved only through the
 * appeals service (its policy still decides for each case); each project change is one
 * transaction with its audit row and outbox event.
 */

export interface ProjectsServiceOptions {
  now?: () => Date;
  appeals?: AppealsService;
  /** Days back the similar-case search looks (default 90). */
  lookbackDays?: number;
  /** Most open cases loaded for a suggestion or clustering (default 150). */
  candidateCap?: number;
}

const DAY_MS = 86_400_000;
const OPEN_APPEAL_STATES: readonly AppealState[] = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'handling',
];
const LEVEL_LABELS: Record<ProjectLevel, string> = {
  community: '社区/街道',
  district_department: '区级部门',
  industry_committee: '行业党委',
  city: '市级主管部门',
};

/** The district (6-digit code) a region code lies in; a city or province code stays itself. */
export function countyOf(code: string): string {
  return code.length === 9 ? code.slice(0, 6) : code;
}

export type ProjectsService = ReturnType<typeof createProjectsService>;

export function createProjectsService(deps: PlatformDeps, opts: ProjectsServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const appeals = opts.appeals ?? createAppealsService(deps, { now });
  const lookbackDays = opts.lookbackDays ?? 90;
  const candidateCap = opts.candidateCap ?? 150;
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'projects after-commit work failed');

  async function scopeOf(actor: Actor): Promise<ProjectScope> {
    const orgRegions = new Map<string, string | null>();
    for (const g of actor.grants)
      if (
        g.orgId &&
        !g.regionCode &&
        !orgRegions.has(g.orgId) &&
        ROLE_PERMISSIONS[g.role].includes('projects.manage')
      )
        orgRegions.set(g.orgId, (await getOrg(database.db, g.orgId))?.regionCode ?? null);
    return projectScopeOf(actor, (id) => orgRegions.get(id) ?? null);
  }

  async function factsOf(db: Db, row: repo.ProjectRow): Promise<ProjectFacts> {
    const units = await repo.getUnits(db, [row.leadUnitId, ...row.coUnitIds]);
    return {
      state: row.state,
      regionCode: row.regionCode,
      leadUnitPath: units.get(row.leadUnitId)?.path ?? null,
      coUnitPaths: row.coUnitIds.map((id) => units.get(id)?.path).filter((p): p is string => !!p),
    };
  }

  async function categoryNames(): Promise<Map<string, string>> {
    return new Map((await appeals.categories()).map((c) => [c.id, c.name]));
  }

  async function regionNames(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const c of new Set(codes)) {
      const r = await getRegion(database.db, c);
      if (r) out.set(c, r.name);
    }
    return out;
  }

  /** A case as the actor sees it through the appeals service, or null (404 there). */
  async function appealFor(actor: Actor, id: string): Promise<AppealDetailDto | null> {
    try {
      return await appeals.get(actor, id);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  }

  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  function progressPercent(row: repo.ProjectRow, total: number, done: number): number {
    if (row.state === 'resolved' || row.state === 'closed') return 100;
    return total === 0 ? 0 : Math.round((done / total) * 100);
  }

  async function toSummaries(rows: repo.ProjectListRow[]): Promise<ProjectSummaryDto[]> {
    const [cats, regions, units] = await Promise.all([
      categoryNames(),
      regionNames(rows.map((r) => r.regionCode)),
      repo.getUnits(
        database.db,
        rows.flatMap((r) => r.coUnitIds),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      categoryId: r.categoryId,
      categoryName: cats.get(r.categoryId) ?? null,
      regionCode: r.regionCode,
      regionName: regions.get(r.regionCode) ?? null,
      leadUnitId: r.leadUnitId,
      leadUnitName: r.leadUnitName,
      coUnits: r.coUnitIds.map((id) => ({ id, name: units.get(id)?.name ?? id })),
      level: r.level,
      concentrated: r.concentrated,
      crossRegion: r.crossRegion,
      crossDepartment: r.crossDepartment,
      state: r.state,
      caseCount: r.caseCount,
      milestoneCount: r.milestoneCount,
      milestonesDone: r.milestonesDone,
      progressPercent: progressPercent(r, r.milestoneCount, r.milestonesDone),
      createdAt: r.createdAt.toISOString(),
      escalatedAt: iso(r.escalatedAt),
      resolvedAt: iso(r.resolvedAt),
    }));
  }

  /** Linked cases as the actor sees them, and the districts they lie in. */
  async function linkedCases(actor: Actor, row: repo.ProjectRow) {
    const links = await repo.casesOf(database.db, row.id);
    const cases = await Promise.all(
      links.map(async (l) => ({ link: l, appeal: await appealFor(actor, l.appealId) })),
    );
    const counties = new Set([countyOf(row.regionCode)]);
    for (const c of cases) if (c.appeal) counties.add(countyOf(c.appeal.regionCode));
    return { cases, counties: [...counties] };
  }

  async function detail(actor: Actor, scope: ProjectScope, id: string): Promise<ProjectDetailDto> {
    const db = database.db;
    const row = await repo.getProject(db, id);
    if (!row) throw notFound('Project', 'project.not_found');
    const facts = await factsOf(db, row);
    if (!canSeeProject(scope, facts)) throw notFound('Project', 'project.not_found');
    const [milestones, progress, actionLog, { cases, counties }, listed] = await Promise.all([
      repo.milestonesOf(db, id),
      repo.progressOf(db, id),
      repo.actionsOf(db, id),
      linkedCases(actor, row),
      repo.listProjects(db, eq(govProject.id, id), 1, 0),
    ]);
    const [summary] = await toSummaries(listed.rows);
    const actions = projectActions(scope, facts);
    actions.escalate =
      actions.escalate &&
      escalationTarget(
        row.level,
        { crossRegion: row.crossRegion, crossDepartment: row.crossDepartment },
        counties.length,
      ) !== null;
    return {
      ...summary!,
      plan: row.plan,
      reply: row.reply,
      version: row.version,
      cases: cases.map(({ link, appeal }) => ({
        appealId: link.appealId,
        caseNo: appeal?.caseNo ?? null,
        title: appeal?.title ?? null,
        state: appeal?.state ?? null,
        stateLabel: appeal?.stateLabel ?? null,
        regionName: appeal?.regionName ?? null,
        leadUnitName: appeal?.leadUnitName ?? null,
        addedAt: link.addedAt.toISOString(),
      })),
      milestones: milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.dueDate,
        doneAt: iso(m.doneAt),
      })),
      progress: progress.map((p) => ({ id: p.id, note: p.note, byName: p.byName, at: p.at.toISOString() })),
      actionLog: actionLog.map((a) => ({
        id: a.id,
        kind: a.kind,
        targetOrgId: a.targetOrgId,
        targetName: a.targetName,
        note: a.note,
        byName: a.byName,
        at: a.at.toISOString(),
      })),
      actions,
    };
  }

  function payloadOf(row: repo.ProjectRow): ProjectEventPayload {
    return {
      projectId: row.id,
      code: row.code,
      title: row.title,
      regionCode: row.regionCode,
      state: row.state,
      level: row.level,
    };
  }

  async function checkUnits(leadUnitId: string | undefined, coUnitIds: readonly string[] | undefined) {
    const ids = [...(leadUnitId ? [leadUnitId] : []), ...(coUnitIds ?? [])];
    const units = await repo.getUnits(database.db, ids);
    if (ids.some((id) => !units.has(id))) throw new AppError('project.unit_not_found', 'Unknown unit');
  }

  /** Cases the actor may see and that no other open project holds. */
  async function checkCases(actor: Actor, projectId: string | null, appealIds: readonly string[]) {
    const ids = [...new Set(appealIds)];
    for (const id of ids)
      if (!(await appealFor(actor, id)))
        throw new AppError('project.appeal_not_found', 'Appeal not found', { appealId: id });
    const taken = await repo.openProjectsOf(database.db, ids);
    for (const [appealId, p] of taken)
      if (p.projectId !== projectId)
        throw conflict('Appeal already in an open project', 'project.case_taken', { appealId, code: p.code });
    return ids;
  }

  /**
   * Raises the level when the flags ask for it; notifies the coordinators through the event.
   * Returns the patch, or null when nothing changes.
   */
  async function escalation(
    uow: UnitOfWork,
    actor: Actor,
    row: repo.ProjectRow,
    counties: readonly string[],
  ): Promise<Partial<repo.NewProjectRow> | null> {
    const target = escalationTarget(
      row.level,
      { crossRegion: row.crossRegion, crossDepartment: row.crossDepartment },
      counties.length,
    );
    if (!target) return null;
    const roles: ('industry_committee_admin' | 'district_admin')[] =
      target === 'industry_committee' && !row.crossRegion
        ? ['industry_committee_admin']
        : ['industry_committee_admin', 'district_admin'];
    const at = now();
    await repo.insertProgress(uow.tx, {
      projectId: row.id,
      note: `升级至${LEVEL_LABELS[target]}统筹（${row.crossRegion ? '跨区域' : ''}${row.crossRegion && row.crossDepartment ? '、' : ''}${row.crossDepartment ? '跨部门' : ''}）`,
      byId: actor.userId,
      byName: actor.name,
      at,
    });
    await deps.events.publish(
      uow,
      'project.escalated',
      { ...payloadOf(row), level: target, from: row.level, counties: [...counties], roles },
      actor.userId,
    );
    return { level: target, escalatedAt: at };
  }

  /** Loads, checks policy and machine, runs `fn` in one transaction with the version check. */
  async function mutate(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    op: ProjectOperation,
    fn: (uow: UnitOfWork, row: repo.ProjectRow) => Promise<Partial<repo.NewProjectRow>>,
    audit: { note?: string } = {},
  ): Promise<repo.ProjectRow> {
    const scope = await scopeOf(actor);
    const row = await repo.getProject(database.db, id);
    if (!row) throw notFound('Project', 'project.not_found');
    const facts = await factsOf(database.db, row);
    if (!canSeeProject(scope, facts)) throw notFound('Project', 'project.not_found');
    if (!mayDo(scope, facts, op)) throw forbidden('You may not do this to the project');
    const to = projectTransition(row.state, op);
    if (!to) throw conflict(`Cannot ${op} a ${row.state} project`, 'project.invalid_transition');
    return inTransaction(
      database,
      async (uow) => {
        const patch = await fn(uow, row);
        const updated = await repo.updateProject(uow.tx, id, row.version, { ...patch, state: to });
        if (!updated) throw conflict('The project changed meanwhile', 'project.conflict');
        await writeAudit(uow.tx, actor, meta, {
          action: `project.${op}`,
          entityType: 'gov_project',
          entityId: id,
          ...(audit.note ? { note: audit.note } : {}),
        });
        if (to !== row.state && (to === 'closed' || to === 'cancelled'))
          await deps.events.publish(uow, `project.${to}`, payloadOf(updated), actor.userId);
        return updated;
      },
      onAfterCommitError,
    );
  }

  // ---- use cases ---------------------------------------------------------------------------

  async function create(actor: Actor, meta: RequestMeta | null, input: CreateProjectInput) {
    const scope = await scopeOf(actor);
    if (!isManager(scope, { regionCode: input.regionCode }))
      throw forbidden('You may not create projects in this region');
    if (!(await categoryNames()).has(input.categoryId))
      throw new AppError('appeal.category_not_found', 'Unknown appeal category');
    await checkUnits(input.leadUnitId, input.coUnitIds);
    const appealIds = await checkCases(actor, null, input.appealIds);
    const counties = new Set([countyOf(input.regionCode)]);
    for (const id of appealIds) {
      const a = await appealFor(actor, id);
      if (a) counties.add(countyOf(a.regionCode));
    }
    const at = now();
    const id = await inTransaction(
      database,
      async (uow) => {
        const code = await repo.nextCode(uow.tx, input.regionCode, Number(at.toISOString().slice(0, 4)));
        let row = await repo.insertProject(uow.tx, {
          code,
          title: input.title,
          categoryId: input.categoryId,
          regionCode: input.regionCode,
          leadUnitId: input.leadUnitId,
          coUnitIds: [...new Set(input.coUnitIds)].filter((u) => u !== input.leadUnitId),
          level: input.level,
          concentrated: input.concentrated ?? false,
          crossRegion: input.crossRegion ?? false,
          crossDepartment: input.crossDepartment ?? false,
          plan: input.plan,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await repo.insertCases(uow.tx, row.id, appealIds, actor.userId);
        await repo.insertProgress(uow.tx, {
          projectId: row.id,
          note: `立项，关联诉求 ${appealIds.length} 件`,
          byId: actor.userId,
          byName: actor.name,
          at,
        });
        const up = await escalation(uow, actor, row, [...counties]);
        if (up) row = (await repo.updateProject(uow.tx, row.id, row.version, up))!;
        await writeAudit(uow.tx, actor, meta, {
          action: 'project.create',
          entityType: 'gov_project',
          entityId: row.id,
          after: { code: row.code, title: row.title, appealIds },
        });
        await deps.events.publish(uow, 'project.created', payloadOf(row), actor.userId);
        return row.id;
      },
      onAfterCommitError,
    );
    return detail(actor, scope, id);
  }

  async function get(actor: Actor, id: string) {
    return detail(actor, await scopeOf(actor), id);
  }

  async function list(actor: Actor, q: ProjectsListQuery) {
    const scope = await scopeOf(actor);
    const conds: SQL[] = [
      visibleProjectsSql(
        scope,
        sql`${govProject.regionCode}`,
        sql`${govProject.leadUnitId}`,
        sql`${govProject.coUnitIds}`,
      ),
    ];
    if (q.state) conds.push(eq(govProject.state, q.state));
    if (q.level) conds.push(eq(govProject.level, q.level));
    if (q.categoryId) conds.push(eq(govProject.categoryId, q.categoryId));
    if (q.regionCode) {
      const p = regionPrefix(q.regionCode);
      if (p) conds.push(sql`${govProject.regionCode} like ${`${p}%`}`);
    }
    if (q.q) {
      const text = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
      conds.push(sql`(${govProject.code} ilike ${text} or ${govProject.title} ilike ${text})`);
    }
    const { rows, total } = await repo.listProjects(
      database.db,
      and(...conds)!,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: await toSummaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async function update(actor: Actor, meta: RequestMeta | null, id: string, input: UpdateProjectInput) {
    await precheck(actor, id, 'update');
    await checkUnits(input.leadUnitId, input.coUnitIds);
    // Read through the appeals service before the transaction (one connection on the embedded engine).
    const { counties } = await linkedCases(actor, (await repo.getProject(database.db, id))!);
    await mutate(actor, meta, id, 'update', async (uow, row) => {
      const patch: Partial<repo.NewProjectRow> = {};
      if (input.title !== undefined) patch.title = input.title;
      if (input.plan !== undefined) patch.plan = input.plan;
      if (input.leadUnitId !== undefined) patch.leadUnitId = input.leadUnitId;
      if (input.coUnitIds !== undefined) patch.coUnitIds = [...new Set(input.coUnitIds)];
      if (input.concentrated !== undefined) patch.concentrated = input.concentrated;
      if (input.crossRegion !== undefined) patch.crossRegion = input.crossRegion;
      if (input.crossDepartment !== undefined) patch.crossDepartment = input.crossDepartment;
      // Newly flagged cross-cutting: escalate in the same transaction.
      const up = await escalation(uow, actor, { ...row, ...patch } as repo.ProjectRow, counties);
      return { ...patch, ...(up ?? {}) };
    });
    return get(actor, id);
  }

  async function transition(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    op: 'activate' | 'close' | 'cancel',
    reason?: string,
  ) {
    await mutate(
      actor,
      meta,
      id,
      op,
      async (uow) => {
        const at = now();
        const label = { activate: '项目启动', close: '项目销号', cancel: '项目撤销' }[op];
        await repo.insertProgress(uow.tx, {
          projectId: id,
          note: reason ? `${label}：${reason}` : label,
          byId: actor.userId,
          byName: actor.name,
          at,
        });
        if (op === 'close') return { closedAt: at };
        if (op === 'cancel') return { cancelledAt: at };
        return {};
      },
      reason ? { note: reason } : {},
    );
    return get(actor, id);
  }

  async function escalate(actor: Actor, meta: RequestMeta | null, id: string, note?: string) {
    await precheck(actor, id, 'escalate');
    const { counties } = await linkedCases(actor, (await repo.getProject(database.db, id))!);
    await mutate(actor, meta, id, 'escalate', async (uow, row) => {
      const up = await escalation(uow, actor, row, counties);
      if (!up)
        throw conflict('Not flagged cross-cutting, or already at that level', 'project.not_cross_cutting');
      if (note)
        await repo.insertProgress(uow.tx, {
          projectId: id,
          note,
          byId: actor.userId,
          byName: actor.name,
          at: now(),
        });
      return up;
    });
    return get(actor, id);
  }

  /** The checks of `mutate` without a change: 404, 403, 409 before the body is looked at. */
  async function precheck(actor: Actor, id: string, op: ProjectOperation): Promise<void> {
    const scope = await scopeOf(actor);
    const row = await repo.getProject(database.db, id);
    if (!row) throw notFound('Project', 'project.not_found');
    const facts = await factsOf(database.db, row);
    if (!canSeeProject(scope, facts)) throw notFound('Project', 'project.not_found');
    if (!mayDo(scope, facts, op)) throw forbidden('You may not do this to the project');
    if (!canProject(row.state, op))
      throw conflict(`Cannot ${op} a ${row.state} project`, 'project.invalid_transition');
  }

  async function link(actor: Actor, meta: RequestMeta | null, id: string, appealIds: string[]) {
    await precheck(actor, id, 'link');
    const ids = await checkCases(actor, id, appealIds);
    await mutate(
      actor,
      meta,
      id,
      'link',
      async (uow) => {
        await repo.insertCases(uow.tx, id, ids, actor.userId);
        return {};
      },
      { note: ids.join(',') },
    );
    return get(actor, id);
  }

  async function unlink(actor: Actor, meta: RequestMeta | null, id: string, appealId: string) {
    await mutate(
      actor,
      meta,
      id,
      'unlink',
      async (uow) => {
        if (!(await repo.deleteCase(uow.tx, id, appealId)))
          throw new AppError('project.appeal_not_found', 'The appeal is not linked to this project');
        return {};
      },
      { note: appealId },
    );
    return get(actor, id);
  }

  async function addMilestone(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: { title: string; dueDate?: string | undefined },
  ) {
    await mutate(actor, meta, id, 'addMilestone', async (uow) => {
      await repo.insertMilestone(uow.tx, {
        projectId: id,
        title: input.title,
        dueDate: input.dueDate ?? null,
      });
      return {};
    });
    return get(actor, id);
  }

  async function completeMilestone(actor: Actor, meta: RequestMeta | null, id: string, milestoneId: string) {
    await mutate(actor, meta, id, 'completeMilestone', async (uow) => {
      const r = await repo.completeMilestone(uow.tx, id, milestoneId, actor.userId, now());
      if (r === 'missing') throw notFound('Milestone', 'project.milestone_not_found');
      return {};
    });
    return get(actor, id);
  }

  async function addProgress(actor: Actor, meta: RequestMeta | null, id: string, note: string) {
    await mutate(actor, meta, id, 'progress', async (uow) => {
      await repo.insertProgress(uow.tx, {
        projectId: id,
        note,
        byId: actor.userId,
        byName: actor.name,
        at: now(),
      });
      return {};
    });
    return get(actor, id);
  }

  async function logAction(actor: Actor, meta: RequestMeta | null, id: string, input: LogActionInput) {
    await precheck(actor, id, 'logAction');
    let targetName = input.targetName ?? '';
    if (input.targetOrgId) {
      const org = await getOrg(database.db, input.targetOrgId);
      if (!org) throw new AppError('project.unit_not_found', 'Unknown target unit');
      targetName = org.name;
    }
    await mutate(
      actor,
      meta,
      id,
      'logAction',
      async (uow) => {
        await repo.insertAction(uow.tx, {
          projectId: id,
          kind: input.kind,
          targetOrgId: input.targetOrgId ?? null,
          targetName,
          note: input.note,
          byId: actor.userId,
          byName: actor.name,
          at: now(),
        });
        return {};
      },
      { note: `${input.kind} → ${targetName}` },
    );
    return get(actor, id);
  }

  /**
   * 解单: every linked case in `handling` is resolved with the shared reply through the appeals
   * service, one transaction per case, in the actor's name (so the appeals policy decides); the
   * others are reported as skipped. Then the project moves to resolved.
   */
  async function resolve(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    reply: string,
  ): Promise<ResolveProjectResult> {
    const scope = await scopeOf(actor);
    const row = await repo.getProject(database.db, id);
    if (!row) throw notFound('Project', 'project.not_found');
    const facts = await factsOf(database.db, row);
    if (!canSeeProject(scope, facts)) throw notFound('Project', 'project.not_found');
    if (!mayDo(scope, facts, 'resolve')) throw forbidden('Only the lead unit resolves the project');
    if (!canProject(row.state, 'resolve'))
      throw conflict(`Cannot resolve a ${row.state} project`, 'project.invalid_transition');

    const resolved: ResolveProjectResult['resolved'] = [];
    const skipped: ResolveProjectResult['skipped'] = [];
    for (const link of await repo.casesOf(database.db, id)) {
      const a = await appealFor(actor, link.appealId);
      if (!a) {
        skipped.push({ appealId: link.appealId, caseNo: null, state: null, reason: 'not_visible' });
        continue;
      }
      if (a.state !== 'handling') {
        skipped.push({ appealId: a.id, caseNo: a.caseNo, state: a.state, reason: 'state' });
        continue;
      }
      if (!a.actions.resolve) {
        skipped.push({ appealId: a.id, caseNo: a.caseNo, state: a.state, reason: 'not_permitted' });
        continue;
      }
      try {
        await appeals.act(actor, meta, a.id, 'resolve', { reply });
        resolved.push({ appealId: a.id, caseNo: a.caseNo });
      } catch (err) {
        if (err instanceof AppError && (err.status === 409 || err.status === 403)) {
          skipped.push({ appealId: a.id, caseNo: a.caseNo, state: a.state, reason: 'conflict' });
          continue;
        }
        throw err;
      }
    }
    await mutate(
      actor,
      meta,
      id,
      'resolve',
      async (uow, current) => {
        const at = now();
        await repo.insertProgress(uow.tx, {
          projectId: id,
          note: `项目解单：办结诉求 ${resolved.length} 件，跳过 ${skipped.length} 件`,
          byId: actor.userId,
          byName: actor.name,
          at,
        });
        await deps.events.publish(
          uow,
          'project.resolved',
          {
            ...payloadOf(current),
            state: 'resolved',
            resolved: resolved.map((r) => r.appealId),
            skipped: skipped.map((s) => s.appealId),
          },
          actor.userId,
        );
        return { reply, resolvedAt: at };
      },
      { note: `resolved ${resolved.length}, skipped ${skipped.length}` },
    );
    return { project: await detail(actor, scope, id), resolved, skipped };
  }

  // ---- similar cases ---------------------------------------------------------------------

  interface Candidate {
    summary: AppealSummaryDto;
    detail: AppealDetailDto;
    tokens: string[];
  }

  /**
   * Open cases the actor may see in a region (and category), filed in the look-back window,
   * newest first, at most `candidateCap`: the bounded set the similarity runs over. They come
   * through the appeals service, so no index on the appeals tables is needed.
   */
  async function openCandidates(
    actor: Actor,
    filter: { regionCode: string; categoryId?: string | undefined },
    exclude?: string,
  ): Promise<{ items: Candidate[]; truncated: boolean }> {
    const since = now().getTime() - lookbackDays * DAY_MS;
    const summaries: AppealSummaryDto[] = [];
    for (const state of OPEN_APPEAL_STATES) {
      for (let page = 1; page <= 10; page++) {
        const q: AppealsListQuery = {
          queue: 'all',
          state,
          regionCode: filter.regionCode,
          page,
          pageSize: 200,
          ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
        };
        const r = await appeals.list(actor, q);
        const fresh = r.items.filter((s) => new Date(s.createdAt).getTime() >= since);
        summaries.push(...fresh);
        if (fresh.length < r.items.length || page * r.pageSize >= r.total) break;
      }
    }
    const chosen = summaries
      .filter((s) => s.id !== exclude && (!filter.categoryId || s.categoryId === filter.categoryId))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const truncated = chosen.length > candidateCap;
    const items: Candidate[] = [];
    for (const summary of chosen.slice(0, candidateCap)) {
      const d = await appealFor(actor, summary.id);
      if (d) items.push({ summary, detail: d, tokens: tokenize(d.description) });
    }
    return { items, truncated };
  }

  async function suggestions(actor: Actor, q: SuggestionsQuery): Promise<SuggestionsDto> {
    const target = await appeals.get(actor, q.appealId);
    const tokens = tokenize(target.description);
    const { items } = await openCandidates(
      actor,
      { regionCode: countyOf(target.regionCode), categoryId: target.categoryId },
      target.id,
    );
    const trigram = await repo.trigramAgainst(
      database.db,
      tokens.join(' '),
      items.map((c) => c.tokens.join(' ')),
    );
    const radiusMeters = q.radiusKm * 1000;
    const scored: Omit<SuggestionDto, 'projectId' | 'projectCode'>[] = [];
    items.forEach((c, i) => {
      const meters =
        target.location && c.detail.location ? distanceMeters(target.location, c.detail.location) : null;
      const j = jaccard(tokens, c.tokens);
      const t = trigram[i] ?? 0;
      const s = scoreSimilarity({ jaccard: j, trigram: t, meters, radiusMeters });
      if (!s.nearby && s.text < TEXT_THRESHOLD) return;
      scored.push({
        appealId: c.detail.id,
        caseNo: c.detail.caseNo,
        title: c.detail.title,
        state: c.detail.state,
        stateLabel: c.detail.stateLabel ?? null,
        regionName: c.detail.regionName,
        createdAt: c.detail.createdAt,
        distanceMeters: meters === null ? null : Math.round(meters),
        jaccard: Math.round(j * 1000) / 1000,
        trigram: Math.round(t * 1000) / 1000,
        textSimilarity: Math.round(s.text * 1000) / 1000,
        score: s.score,
        reasons: s.reasons,
      });
    });
    scored.sort((a, b) => b.score - a.score || b.createdAt.localeCompare(a.createdAt));
    const top = scored.slice(0, q.limit);
    const inProject = await repo.openProjectsOf(
      database.db,
      top.map((s) => s.appealId),
    );
    return {
      appeal: {
        id: target.id,
        caseNo: target.caseNo,
        categoryId: target.categoryId,
        categoryName: target.categoryName,
        regionCode: target.regionCode,
        tokens,
      },
      candidatesConsidered: items.length,
      items: top.map((s) => ({
        ...s,
        projectId: inProject.get(s.appealId)?.projectId ?? null,
        projectCode: inProject.get(s.appealId)?.code ?? null,
      })),
    };
  }

  /**
   * Proposed clusters: open cases of the region not yet in a project, grouped by category, then
   * linked when near each other (within the radius) or similar in text; groups of two or more.
   */
  async function clusters(actor: Actor, q: ClustersQuery): Promise<ClustersDto> {
    const { items: all, truncated } = await openCandidates(actor, {
      regionCode: q.regionCode,
      categoryId: q.categoryId,
    });
    const taken = await repo.openProjectsOf(
      database.db,
      all.map((c) => c.detail.id),
    );
    const items = all.filter((c) => !taken.has(c.detail.id));
    const pairs = await repo.trigramPairs(
      database.db,
      items.map((c) => c.tokens.join(' ')),
    );
    const parent = items.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    const radiusMeters = q.radiusKm * 1000;
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.detail.categoryId !== b.detail.categoryId) continue;
        const meters =
          a.detail.location && b.detail.location
            ? distanceMeters(a.detail.location, b.detail.location)
            : null;
        const s = scoreSimilarity({
          jaccard: jaccard(a.tokens, b.tokens),
          trigram: pairs.get(`${i}:${j}`) ?? 0,
          meters,
          radiusMeters,
        });
        if (s.nearby || s.text >= TEXT_THRESHOLD + 0.1) parent[find(i)] = find(j);
      }
    const groups = new Map<number, Candidate[]>();
    items.forEach((c, i) => {
      const root = find(i);
      groups.set(root, [...(groups.get(root) ?? []), c]);
    });
    const out: ClustersDto['clusters'] = [];
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const keywords = topTokens(g.map((c) => c.detail.description));
      const categoryName = g[0]!.detail.categoryName;
      out.push({
        categoryId: g[0]!.detail.categoryId,
        categoryName,
        keywords,
        suggestedTitle: keywords.length > 0 ? `${categoryName}：${keywords.join('、')}` : categoryName,
        cases: g.map((c) => ({
          appealId: c.detail.id,
          caseNo: c.detail.caseNo,
          title: c.detail.title,
          state: c.detail.state,
          regionName: c.detail.regionName,
        })),
      });
    }
    out.sort((a, b) => b.cases.length - a.cases.length || a.categoryName.localeCompare(b.categoryName));
    return { regionCode: q.regionCode, casesConsidered: all.length, truncated, clusters: out };
  }

  return {
    create,
    get,
    list,
    update,
    activate: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'activate'),
    close: (actor: Actor, meta: RequestMeta | null, id: string) => transition(actor, meta, id, 'close'),
    cancel: (actor: Actor, meta: RequestMeta | null, id: string, reason: string) =>
      transition(actor, meta, id, 'cancel', reason),
    escalate,
    link,
    unlink,
    addMilestone,
    completeMilestone,
    addProgress,
    logAction,
    resolve,
    suggestions,
    clusters,
  };
}
