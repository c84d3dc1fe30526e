import {
  APPEAL_ACTIONS,
  type AppealAction,
  type AppealActionsDto,
  type AppealState,
  type Permission,
  ROLE_PERMISSIONS,
  regionCovers,
  regionPrefix,
} from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, type MachineContext } from './appeals.machine.ts';

/**
 * Who may take which action on which case (contract "who" column). Pure: the service resolves
 * the actor's grants into an {@link AppealScope} once (organisation grants of supervisors need the
 * organisation's region) and loads the case's facts into a {@link CaseFacts}.
 */

/** The actor's reach over appeals, from their grants. */
export interface AppealScope {
  userId: string;
  isWorker: boolean;
  /** Regions where the actor accepts, dispatches, visits by phone and closes (dispatcher). */
  dispatchRegions: string[];
  /** Regions where the actor may 督办 (dispatcher, committee and district admins). */
  superviseRegions: string[];
  /** Regions the actor may read every case of (dispatch ∪ supervise). */
  readRegions: string[];
  /** Materialised paths of organisations whose subtree the actor handles cases for. */
  handleOrgPaths: string[];
  /** The actor may file appeals at all; `staffIntake`: for someone else, with a channel. */
  canCreate: boolean;
  staffIntake: boolean;
}

function grantsWith(actor: Actor, permission: Permission) {
  if (!actor.permissions.has(permission)) return [];
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/**
 * Builds the scope. `orgRegion` maps an organisation id to its region, for grants held through an
 * organisation only (an industry committee supervises the cases of its district).
 */
export function appealScopeOf(actor: Actor, orgRegion: (orgId: string) => string | null): AppealScope {
  const regionsOf = (p: Permission) => {
    const out = new Set<string>();
    for (const g of grantsWith(actor, p)) {
      if (g.regionCode) out.add(g.regionCode);
      else if (g.orgId) {
        const r = orgRegion(g.orgId);
        if (r) out.add(r);
      }
    }
    return [...out];
  };
  const dispatchRegions = grantsWith(actor, 'appeals.dispatch')
    .map((g) => g.regionCode)
    .filter((r): r is string => r !== null);
  const superviseRegions = regionsOf('appeals.supervise');
  const handleOrgPaths = grantsWith(actor, 'appeals.handle')
    .map((g) => g.orgPath)
    .filter((p): p is string => p !== null);
  return {
    userId: actor.userId,
    isWorker: actor.kind === 'worker',
    dispatchRegions: [...new Set(dispatchRegions)],
    superviseRegions,
    readRegions: [...new Set([...dispatchRegions, ...superviseRegions])],
    handleOrgPaths: [...new Set(handleOrgPaths)],
    canCreate: actor.permissions.has('appeals.create'),
    staffIntake: actor.kind === 'staff' && actor.permissions.has('appeals.create'),
  };
}

/** What the policy needs to know about one case. */
export interface CaseFacts {
  state: AppealState;
  regionCode: string;
  reporterUserId: string | null;
  /** Paths of the units of the current (not ended) assignments. */
  leadUnitPath: string | null;
  coUnitPaths: string[];
  /** Paths of every unit ever assigned (they keep seeing the case). */
  everAssignedPaths: string[];
  following: boolean;
}

const covers = (regions: readonly string[], code: string) => regions.some((r) => regionCovers(r, code));
const handles = (paths: readonly string[], unitPath: string | null) =>
  unitPath !== null && paths.some((p) => unitPath.startsWith(p));

export function isDispatcherFor(s: AppealScope, c: CaseFacts): boolean {
  return covers(s.dispatchRegions, c.regionCode);
}
export function isLeadHandler(s: AppealScope, c: CaseFacts): boolean {
  return handles(s.handleOrgPaths, c.leadUnitPath);
}
export function isAnyHandler(s: AppealScope, c: CaseFacts): boolean {
  return isLeadHandler(s, c) || c.coUnitPaths.some((p) => handles(s.handleOrgPaths, p));
}
export function isReporter(s: AppealScope, c: CaseFacts): boolean {
  return c.reporterUserId !== null && c.reporterUserId === s.userId;
}

/** May the actor see the case at all? (Otherwise 404.) */
export function canSee(s: AppealScope, c: CaseFacts): boolean {
  return (
    isReporter(s, c) ||
    c.following ||
    covers(s.readRegions, c.regionCode) ||
    c.everAssignedPaths.some((p) => handles(s.handleOrgPaths, p))
  );
}

/** Who-column of the contract, state aside. */
export function mayAct(s: AppealScope, c: CaseFacts, action: AppealAction): boolean {
  switch (action) {
    case 'accept':
    case 'refuse':
    case 'dispatch':
    case 'redispatch':
    case 'insist':
    case 'approveExtension':
    case 'close':
    case 'terminate':
    case 'markDuplicate':
      return isDispatcherFor(s, c);
    case 'sign':
    case 'return':
    case 'extend':
    case 'resolve':
      return isLeadHandler(s, c);
    case 'progress':
      return isAnyHandler(s, c);
    case 'visit':
      return isReporter(s, c) || isDispatcherFor(s, c);
    case 'supervise':
      return covers(s.superviseRegions, c.regionCode);
  }
}

/**
 * The `actions` object of AppealDetail: policy ∧ machine (with the guards' facts), so the UI
 * never re-implements a rule.
 */
export function appealActions(s: AppealScope, c: CaseFacts, ctx: MachineContext): AppealActionsDto {
  const out = {} as AppealActionsDto;
  for (const a of APPEAL_ACTIONS) {
    // A visit's outcome depends on the answer, not on a precondition: any answer will do here.
    const machineCtx = a === 'visit' ? { ...ctx, satisfaction: 'satisfied' as const } : ctx;
    out[a] = mayAct(s, c, a) && can(c.state, a, machineCtx);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The same rule as `canSee`, as a WHERE condition on the `appeal` table (alias-free column refs).

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/**
 * Cases visible to the scope. Region reach is a prefix match on `appeal.region_code`; unit reach
 * is an assignment of a unit whose path lies below one of the actor's organisations.
 */
export function visibleAppealsSql(s: AppealScope, appealId: SQL, appealRegion: SQL, reporter: SQL): SQL {
  const conds: SQL[] = [
    sql`${reporter} = ${s.userId}`,
    sql`exists (select 1 from appeal_follower f where f.appeal_id = ${appealId} and f.user_id = ${s.userId})`,
  ];
  for (const r of s.readRegions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`${appealRegion} like ${`${escapeLike(prefix)}%`}`);
  }
  if (s.handleOrgPaths.length > 0) {
    const paths = sql.join(
      s.handleOrgPaths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`),
      sql` or `,
    );
    conds.push(sql`exists (select 1 from appeal_assignment x join organisation o on o.id = x.unit_id
      where x.appeal_id = ${appealId} and (${paths}))`);
  }
  return sql`(${sql.join(conds, sql` or `)})`;
}

/** Cases currently waiting on one of the actor's units (lead or co, assignment not ended). */
export function handledByMeSql(s: AppealScope, appealId: SQL, leadOnly = false): SQL {
  if (s.handleOrgPaths.length === 0) return sql`false`;
  const paths = sql.join(
    s.handleOrgPaths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`),
    sql` or `,
  );
  return sql`exists (select 1 from appeal_assignment x join organisation o on o.id = x.unit_id
    where x.appeal_id = ${appealId} and x.ended_at is null ${leadOnly ? sql`and x.role = 'lead'` : sql``} and (${paths}))`;
}

/**
 * The same cases as {@link handledByMeSql} among cases in the work states (submitted, accepted,
 * dispatched, returned, handling), written so the database can answer a unit handler's queue from
 * the case row: in those states the current lead assignment is `appeal.lead_unit_id` except after
 * a 退单 (state `returned`, the assignment has ended), and co-units come from the small index of
 * current co-assignments. {@link handledByMeSql} needs a set of every assignment the units ever
 * had (most are never ended, since closing a case keeps its units), ~120,000 rows for a busy unit
 * with a year of cases; this reads the work queue's cases only.
 */
export function workOfMyUnitsSql(s: AppealScope, cols: { appealId: SQL; state: SQL; leadUnit: SQL }): SQL {
  if (s.handleOrgPaths.length === 0) return sql`false`;
  const paths = (alias: string) =>
    sql.join(
      s.handleOrgPaths.map((p) => sql`${sql.raw(alias)}.path like ${`${escapeLike(p)}%`}`),
      sql` or `,
    );
  return sql`((${cols.state} <> 'returned' and ${cols.leadUnit} in (select o.id from organisation o where ${paths('o')}))
    or exists (select 1 from appeal_assignment x join organisation u on u.id = x.unit_id
      where x.appeal_id = ${cols.appealId} and x.role = 'co' and x.ended_at is null and (${paths('u')})))`;
}
