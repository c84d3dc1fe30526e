import { regionCovers } from '@nuanxin/shared';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisation } from '../orgs/orgs.tables.ts';
import {
  govProject,
  govProjectAction,
  govProjectCase,
  govProjectMilestone,
  govProjectProgress,
} from './projects.tables.ts';

export type ProjectRow = typeof govProject.$inferSelect;
export type NewProjectRow = typeof govProject.$inferInsert;

type Rows<T> = { rows: T[] };
const rowsOf = <T>(r: unknown): T[] => (r as Rows<T>).rows;

export async function getProject(db: Db, id: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(govProject).where(eq(govProject.id, id)).limit(1);
  return row ?? null;
}

export async function insertProject(db: Db, row: NewProjectRow): Promise<ProjectRow> {
  const [out] = await db.insert(govProject).values(row).returning();
  return out!;
}

/** Optimistic update: null when someone else changed the project first. */
export async function updateProject(
  db: Db,
  id: string,
  version: number,
  patch: Partial<NewProjectRow>,
): Promise<ProjectRow | null> {
  const [row] = await db
    .update(govProject)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(govProject.id, id), eq(govProject.version, version)))
    .returning();
  return row ?? null;
}

/** The next code for a region and year: XM-<region>-<yyyy>-<seq3>. */
export async function nextCode(db: Db, regionCode: string, year: number): Promise<string> {
  const prefix = `XM-${regionCode}-${year}-`;
  const [r] = rowsOf<{ n: number | null }>(
    await db.execute(sql`select max(cast(substring(code from ${prefix.length + 1}::int) as integer)) as n
      from gov_project where code like ${`${prefix}%`}`),
  );
  return `${prefix}${String((r?.n ?? 0) + 1).padStart(3, '0')}`;
}

export interface UnitInfo {
  id: string;
  name: string;
  path: string;
  regionCode: string;
  kind: string;
}

export async function getUnits(db: Db, ids: readonly string[]): Promise<Map<string, UnitInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: organisation.id,
      name: organisation.name,
      path: organisation.path,
      regionCode: organisation.regionCode,
      kind: organisation.kind,
    })
    .from(organisation)
    .where(inArray(organisation.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ProjectListRow extends ProjectRow {
  leadUnitName: string | null;
  caseCount: number;
  milestoneCount: number;
  milestonesDone: number;
}

export async function listProjects(
  db: Db,
  where: SQL,
  limit: number,
  offset: number,
): Promise<{ rows: ProjectListRow[]; total: number }> {
  const rows = await db
    .select({
      p: govProject,
      leadUnitName: organisation.name,
      caseCount: sql<number>`(select count(*) from gov_project_case c where c.project_id = ${govProject.id})::int`,
      milestoneCount: sql<number>`(select count(*) from gov_project_milestone m where m.project_id = ${govProject.id})::int`,
      milestonesDone: sql<number>`(select count(*) from gov_project_milestone m where m.project_id = ${govProject.id} and m.done_at is not null)::int`,
    })
    .from(govProject)
    .leftJoin(organisation, eq(organisation.id, govProject.leadUnitId))
    .where(where)
    .orderBy(asc(govProject.categoryId), desc(govProject.createdAt), desc(govProject.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(govProject).where(where);
  return {
    rows: rows.map((r) => ({
      ...r.p,
      leadUnitName: r.leadUnitName,
      caseCount: Number(r.caseCount),
      milestoneCount: Number(r.milestoneCount),
      milestonesDone: Number(r.milestonesDone),
    })),
    total: Number(count?.n ?? 0),
  };
}

export async function casesOf(db: Db, projectId: string) {
  return db
    .select()
    .from(govProjectCase)
    .where(eq(govProjectCase.projectId, projectId))
    .orderBy(asc(govProjectCase.addedAt), asc(govProjectCase.appealId));
}

/** Open (draft/active) projects the given appeals already belong to. */
export async function openProjectsOf(
  db: Db,
  appealIds: readonly string[],
): Promise<Map<string, { projectId: string; code: string }>> {
  if (appealIds.length === 0) return new Map();
  const rows = await db
    .select({ appealId: govProjectCase.appealId, projectId: govProject.id, code: govProject.code })
    .from(govProjectCase)
    .innerJoin(govProject, eq(govProject.id, govProjectCase.projectId))
    .where(
      and(inArray(govProjectCase.appealId, [...appealIds]), inArray(govProject.state, ['draft', 'active'])),
    );
  return new Map(rows.map((r) => [r.appealId, { projectId: r.projectId, code: r.code }]));
}

export async function insertCases(db: Db, projectId: string, appealIds: readonly string[], by: string) {
  if (appealIds.length === 0) return;
  await db
    .insert(govProjectCase)
    .values(appealIds.map((appealId) => ({ projectId, appealId, addedBy: by })))
    .onConflictDoNothing();
}

export async function deleteCase(db: Db, projectId: string, appealId: string): Promise<boolean> {
  const r = await db
    .delete(govProjectCase)
    .where(and(eq(govProjectCase.projectId, projectId), eq(govProjectCase.appealId, appealId)))
    .returning({ id: govProjectCase.appealId });
  return r.length > 0;
}

export async function milestonesOf(db: Db, projectId: string) {
  return db
    .select()
    .from(govProjectMilestone)
    .where(eq(govProjectMilestone.projectId, projectId))
    .orderBy(asc(govProjectMilestone.dueDate), asc(govProjectMilestone.createdAt));
}

export async function insertMilestone(db: Db, row: typeof govProjectMilestone.$inferInsert) {
  const [out] = await db.insert(govProjectMilestone).values(row).returning();
  return out!;
}

export async function completeMilestone(
  db: Db,
  projectId: string,
  id: string,
  by: string,
  at: Date,
): Promise<'done' | 'already' | 'missing'> {
  const [row] = await db
    .select()
    .from(govProjectMilestone)
    .where(and(eq(govProjectMilestone.id, id), eq(govProjectMilestone.projectId, projectId)));
  if (!row) return 'missing';
  if (row.doneAt) return 'already';
  await db.update(govProjectMilestone).set({ doneAt: at, doneBy: by }).where(eq(govProjectMilestone.id, id));
  return 'done';
}

export async function progressOf(db: Db, projectId: string) {
  return db
    .select()
    .from(govProjectProgress)
    .where(eq(govProjectProgress.projectId, projectId))
    .orderBy(asc(govProjectProgress.at), asc(govProjectProgress.id));
}

export async function insertProgress(db: Db, row: typeof govProjectProgress.$inferInsert) {
  await db.insert(govProjectProgress).values(row);
}

export async function actionsOf(db: Db, projectId: string) {
  return db
    .select()
    .from(govProjectAction)
    .where(eq(govProjectAction.projectId, projectId))
    .orderBy(asc(govProjectAction.at), asc(govProjectAction.id));
}

export async function insertAction(db: Db, row: typeof govProjectAction.$inferInsert) {
  await db.insert(govProjectAction).values(row);
}

/**
 * Active users holding one of `roles` with a scope (their region, or their organisation's
 * region) covering one of the districts: whom an escalation notifies.
 */
export async function coordinatorsOf(
  db: Db,
  roles: readonly string[],
  counties: readonly string[],
): Promise<string[]> {
  if (roles.length === 0 || counties.length === 0) return [];
  const rows = rowsOf<{ userId: string; region: string | null }>(
    await db.execute(sql`select g.user_id as "userId", coalesce(g.region_code, o.region_code) as region
      from role_grant g
      left join organisation o on o.id = g.org_id
      join app_user au on au.id = g.user_id and au.status = 'active'
     where g.role in (${sql.join(
       roles.map((r) => sql`${r}`),
       sql`, `,
     )})`),
  );
  const out = new Set<string>();
  for (const r of rows)
    if (r.region && counties.some((c) => regionCovers(r.region!, c) || regionCovers(c, r.region!)))
      out.add(r.userId);
  return [...out].sort();
}

/**
 * pg_trgm `similarity()` of one text against many, in the database (no table involved): the
 * texts travel as one JSON array parameter.
 */
export async function trigramAgainst(db: Db, text: string, others: readonly string[]): Promise<number[]> {
  if (others.length === 0) return [];
  const rows = rowsOf<{ i: number; s: number }>(
    await db.execute(sql`select (x.i)::int as i, similarity(${text}, x.t)::float8 as s
      from jsonb_array_elements_text(${JSON.stringify(others)}::jsonb) with ordinality as x(t, i)`),
  );
  const out = new Array<number>(others.length).fill(0);
  for (const r of rows) out[Number(r.i) - 1] = Number(r.s);
  return out;
}

/** pg_trgm similarity of every pair i < j of `texts`, as a flat map keyed `i:j` (0-based). */
export async function trigramPairs(db: Db, texts: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (texts.length < 2) return out;
  const arr = JSON.stringify(texts);
  const rows = rowsOf<{ i: number; j: number; s: number }>(
    await db.execute(sql`select (a.i)::int as i, (b.i)::int as j, similarity(a.t, b.t)::float8 as s
      from jsonb_array_elements_text(${arr}::jsonb) with ordinality as a(t, i)
      join jsonb_array_elements_text(${arr}::jsonb) with ordinality as b(t, i) on a.i < b.i`),
  );
  for (const r of rows) out.set(`${Number(r.i) - 1}:${Number(r.j) - 1}`, Number(r.s));
  return out;
}
