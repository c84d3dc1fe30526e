import {
  APPEAL_OPEN_STATES,
  APPEAL_TERMINAL_STATES,
  type AppealMapQueue,
  ROLE_PERMISSIONS,
} from '@nuanxin/shared';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { getOrg } from '../orgs/index.ts';
import { type AppealScope, appealScopeOf, handledByMeSql, visibleAppealsSql } from './appeals.policy.ts';
import { appeal } from './appeals.tables.ts';

/**
 * What the workbench list, the queue counts and the case map share: the actor's reach, the
 * visibility condition and the work queues as SQL over the `appeal` table.
 */

const HOUR_MS = 3_600_000;

/** The actor's reach; only supervisors reach cases through an organisation's region (handlers by path). */
export async function resolveAppealScope(db: Db, actor: Actor): Promise<AppealScope> {
  const orgRegions = new Map<string, string | null>();
  for (const g of actor.grants)
    if (
      g.orgId &&
      !g.regionCode &&
      !orgRegions.has(g.orgId) &&
      ROLE_PERMISSIONS[g.role].includes('appeals.supervise')
    )
      orgRegions.set(g.orgId, (await getOrg(db, g.orgId))?.regionCode ?? null);
  return appealScopeOf(actor, (id) => orgRegions.get(id) ?? null);
}

/** The cases the actor may see, plus those they filed themselves. */
export function appealVisibilitySql(scope: AppealScope): SQL {
  const base = visibleAppealsSql(
    scope,
    sql`${appeal.id}`,
    sql`${appeal.regionCode}`,
    sql`${appeal.reporterUserId}`,
  );
  return sql`(${base} or ${appeal.createdBy} = ${scope.userId})`;
}

/**
 * A work queue as a condition (`undefined` for `all`); `open` (the map's default) is every case
 * not yet closed. `dueSoonHours`: a handling case is "due soon" this long before its deadline.
 */
export function appealQueueSql(
  scope: AppealScope,
  queue: AppealMapQueue,
  at: Date,
  dueSoonHours: number,
): SQL | undefined {
  switch (queue) {
    case 'open':
      return inArray(appeal.state, [...APPEAL_OPEN_STATES]);
    case 'pending_intake':
      return eq(appeal.state, 'submitted');
    case 'pending_dispatch':
      return eq(appeal.state, 'accepted');
    case 'pending_sign':
      return eq(appeal.state, 'dispatched');
    case 'return_review':
      return eq(appeal.state, 'returned');
    case 'handling':
      return eq(appeal.state, 'handling');
    case 'due_soon': {
      const soon = new Date(at.getTime() + dueSoonHours * HOUR_MS);
      return sql`(${appeal.state} = 'handling' and ${appeal.dueAt} >= ${at} and ${appeal.dueAt} < ${soon})`;
    }
    case 'overdue':
      // Past a deadline that still runs: dispatch, sign or resolve.
      return sql`((${appeal.state} in ('dispatched', 'returned', 'handling') and ${appeal.dueAt} < ${at})
        or (${appeal.state} = 'dispatched' and ${appeal.signDueAt} < ${at})
        or (${appeal.state} in ('submitted', 'accepted') and ${appeal.dispatchDueAt} < ${at}))`;
    case 'pending_visit':
      return eq(appeal.state, 'resolved');
    case 'pending_close':
      return eq(appeal.state, 'visited');
    case 'closed':
      return inArray(appeal.state, [...APPEAL_TERMINAL_STATES]);
    case 'mine':
      return sql`(${appeal.reporterUserId} = ${scope.userId} or ${appeal.createdBy} = ${scope.userId}
        or exists (select 1 from appeal_follower f where f.appeal_id = ${appeal.id} and f.user_id = ${scope.userId})
        or ${handledByMeSql(scope, sql`${appeal.id}`)})`;
    case 'all':
      return undefined;
  }
}
