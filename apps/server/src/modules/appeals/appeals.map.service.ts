import {
  APPEAL_MAP_MAX_POINTS,
  APPEAL_OPEN_STATES,
  APPEAL_TERMINAL_STATES,
  type AppealMapDto,
  type AppealMapQuery,
  type AppealMapQueue,
  ROLE_PERMISSIONS,
} from '@nuanxin/shared';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { bboxCondition, gridFor, parseBbox } from '../../platform/geo/bbox.ts';
import { getOrg } from '../orgs/index.ts';
import * as repo from './appeals.map.repository.ts';
import { type AppealScope, appealScopeOf, handledByMeSql, visibleAppealsSql } from './appeals.policy.ts';
import { DEFAULT_APPEALS_SETTINGS } from './appeals.settings.ts';
import { appeal } from './appeals.tables.ts';

/**
 * The case map (docs/maps.md): the cases the actor may see that have a location inside the box,
 * as points while there are at most {@link APPEAL_MAP_MAX_POINTS}, else as grid clusters counted
 * in SQL. Scope and queue conditions are those of the workbench list (`appeals.service.ts`):
 * the visibility predicate of the policy, plus the cases the actor filed.
 */

export interface AppealsMapServiceOptions {
  now?: () => Date;
  /** A handling case is "due soon" this many hours before its deadline. */
  dueSoonHours?: number;
  /** Above this many cases the answer is clusters (tests lower it). */
  maxPoints?: number;
}

const HOUR_MS = 3_600_000;

export type AppealsMapService = ReturnType<typeof createAppealsMapService>;

export function createAppealsMapService(deps: PlatformDeps, opts: AppealsMapServiceOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const dueSoonHours = opts.dueSoonHours ?? DEFAULT_APPEALS_SETTINGS.dueSoonHours;
  const maxPoints = opts.maxPoints ?? APPEAL_MAP_MAX_POINTS;

  /** The actor's reach, resolved as the appeals service does (organisation grants need a region). */
  async function scopeOf(db: Db, actor: Actor): Promise<AppealScope> {
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

  function visibility(scope: AppealScope): SQL {
    const base = visibleAppealsSql(
      scope,
      sql`${appeal.id}`,
      sql`${appeal.regionCode}`,
      sql`${appeal.reporterUserId}`,
    );
    return sql`(${base} or ${appeal.createdBy} = ${scope.userId})`;
  }

  /** Past a deadline that still runs: dispatch, sign or resolve (the workbench's overdue queue). */
  function overdueSql(at: Date): SQL {
    return sql`((${appeal.state} in ('dispatched', 'returned', 'handling') and ${appeal.dueAt} < ${at})
      or (${appeal.state} = 'dispatched' and ${appeal.signDueAt} < ${at})
      or (${appeal.state} in ('submitted', 'accepted') and ${appeal.dispatchDueAt} < ${at}))`;
  }

  function queueSql(scope: AppealScope, queue: AppealMapQueue, at: Date): SQL | undefined {
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
        return overdueSql(at);
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

  async function map(actor: Actor, q: AppealMapQuery): Promise<AppealMapDto> {
    const box = parseBbox(q.bbox);
    const db = deps.database.db;
    const scope = await scopeOf(db, actor);
    const at = now();
    const conds: (SQL | undefined)[] = [
      bboxCondition(appeal.lat, appeal.lng, box),
      visibility(scope),
      queueSql(scope, q.queue, at),
    ];
    if (q.state) conds.push(eq(appeal.state, q.state));
    if (q.categoryId)
      conds.push(
        sql`${appeal.categoryId} in (select c.id from appeal_category c where c.id = ${q.categoryId} or c.parent_id = ${q.categoryId})`,
      );
    const where = and(...conds.filter((c): c is SQL => c !== undefined))!;
    const overdue = overdueSql(at);

    const points = await repo.mapPoints(db, where, overdue, maxPoints + 1);
    if (points.length <= maxPoints)
      return { mode: 'points', total: points.length, points, clusters: [], cell: null };

    const grid = gridFor(box, q.zoom);
    const cells = await repo.mapClusters(db, where, overdue, grid.size);
    return {
      mode: 'clusters',
      total: cells.reduce((n, c) => n + c.count, 0),
      points: [],
      clusters: cells.map((c) => ({
        lat: c.lat,
        lng: c.lng,
        count: c.count,
        overdue: c.overdue,
        bounds: [c.minLng, c.minLat, c.maxLng, c.maxLat],
      })),
      cell: { lngDeg: grid.lngDeg, latDeg: grid.latDeg },
    };
  }

  return { map };
}
