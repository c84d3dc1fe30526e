import { type Permission, ROLE_PERMISSIONS, regionCovers, regionPrefix } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canProject,
  PROJECT_OPERATIONS,
  type ProjectOperation,
  type ProjectState,
} from './projects.machine.ts';

/**
 * Who may do what with a governance project. Pure: the service resolves the actor's grants into a
 * {@link ProjectScope} (an organisation grant of an industry committee reaches its district) and
 * the project into {@link ProjectFacts}.
 *
 * - managers (`projects.manage`: dispatcher, industry committee admin, district admin) whose
 *   region covers the project's region create, edit, link cases, escalate, log 上报/动员/协调,
 *   close and cancel;
 * - handlers (`projects.progress`) of the lead unit add progress notes, complete milestones and
 *   resolve (解单): the cases are resolved through the appeals service in their name, so the
 *   appeals policy still decides case by case;
 * - co-unit handlers see the project.
 */

export interface ProjectScope {
  userId: string;
  manageRegions: string[];
  handleOrgPaths: string[];
}

export interface ProjectFacts {
  state: ProjectState;
  regionCode: string;
  leadUnitPath: string | null;
  coUnitPaths: string[];
}

function grantsWith(actor: Actor, permission: Permission) {
  if (!actor.permissions.has(permission)) return [];
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

export function projectScopeOf(actor: Actor, orgRegion: (orgId: string) => string | null): ProjectScope {
  const manage = new Set<string>();
  for (const g of grantsWith(actor, 'projects.manage')) {
    if (g.regionCode) manage.add(g.regionCode);
    else if (g.orgId) {
      const r = orgRegion(g.orgId);
      if (r) manage.add(r);
    }
  }
  const paths = grantsWith(actor, 'projects.progress')
    .map((g) => g.orgPath)
    .filter((p): p is string => p !== null);
  return { userId: actor.userId, manageRegions: [...manage], handleOrgPaths: [...new Set(paths)] };
}

const handles = (paths: readonly string[], unitPath: string | null) =>
  unitPath !== null && paths.some((p) => unitPath.startsWith(p));

export function isManager(s: ProjectScope, f: Pick<ProjectFacts, 'regionCode'>): boolean {
  return s.manageRegions.some((r) => regionCovers(r, f.regionCode));
}
export function isLeadHandler(s: ProjectScope, f: ProjectFacts): boolean {
  return handles(s.handleOrgPaths, f.leadUnitPath);
}
export function canSeeProject(s: ProjectScope, f: ProjectFacts): boolean {
  return isManager(s, f) || isLeadHandler(s, f) || f.coUnitPaths.some((p) => handles(s.handleOrgPaths, p));
}

/** The who-column, state aside. */
export function mayDo(s: ProjectScope, f: ProjectFacts, op: ProjectOperation): boolean {
  switch (op) {
    case 'progress':
    case 'completeMilestone':
      return isManager(s, f) || isLeadHandler(s, f);
    case 'resolve':
      return isLeadHandler(s, f);
    default:
      return isManager(s, f);
  }
}

export type ProjectActions = Record<ProjectOperation, boolean>;

/** The `actions` of a project detail: policy ∧ machine, so the console never re-implements a rule. */
export function projectActions(s: ProjectScope, f: ProjectFacts): ProjectActions {
  const out = {} as ProjectActions;
  for (const op of PROJECT_OPERATIONS) out[op] = mayDo(s, f, op) && canProject(f.state, op);
  return out;
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, '\\$&');

/** `canSeeProject` as a WHERE condition on gov_project (column refs passed in). */
export function visibleProjectsSql(s: ProjectScope, region: SQL, leadUnit: SQL, coUnits: SQL): SQL {
  const conds: SQL[] = [];
  for (const r of s.manageRegions) {
    const p = regionPrefix(r);
    if (p) conds.push(sql`${region} like ${`${escapeLike(p)}%`}`);
  }
  if (s.handleOrgPaths.length > 0) {
    const paths = sql.join(
      s.handleOrgPaths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`),
      sql` or `,
    );
    conds.push(sql`exists (select 1 from organisation o
      where (o.id = ${leadUnit} or o.id = any(${coUnits})) and (${paths}))`);
  }
  if (conds.length === 0) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}
