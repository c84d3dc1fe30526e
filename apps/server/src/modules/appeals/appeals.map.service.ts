import {
  APPEAL_MAP_MAX_POINTS,
  type AppealMapDto,
  type AppealMapQuery,
  type AppealMapQueue,
} from '@nuanxin/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { bboxCondition, gridFor, parseBbox } from '../../platform/geo/bbox.ts';
import * as repo from './appeals.map.repository.ts';
import type { AppealScope } from './appeals.policy.ts';
import { appealQueueSql, appealVisibilitySql, resolveAppealScope } from './appeals.queues.ts';
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

const _HOUR_MS = 3_600_000;

export type AppealsMapService = ReturnType<typeof createAppealsMapService>;

export function createAppealsMapService(deps: PlatformDeps, opts: AppealsMapServiceOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const dueSoonHours = opts.dueSoonHours ?? DEFAULT_APPEALS_SETTINGS.dueSoonHours;
  const maxPoints = opts.maxPoints ?? APPEAL_MAP_MAX_POINTS;

  const scopeOf = resolveAppealScope;
  const visibility = appealVisibilitySql;
  const queueSql = (scope: AppealScope, queue: AppealMapQueue, at: Date) =>
    appealQueueSql(scope, queue, at, dueSoonHours);

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
    const overdue = appealQueueSql(scope, 'overdue', at, dueSoonHours)!;

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
