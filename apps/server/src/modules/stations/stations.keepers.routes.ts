import {
  regionPrefix,
  type StationKeeperCandidateDto,
  stationKeeperCandidatesQuery,
  stationKeeperCandidatesReply,
} from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { Db } from '../../platform/db/client.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { getOrg } from '../orgs/index.ts';
import { type StationScope, stationScopeOf } from './stations.policy.ts';

/**
 * Who a manager may name keeper of a station (the console's keeper picker, POS-01): active staff
 * holding `station_keeper` or `community_staff` whose grant lies in the manager's reach (a region
 * the manager covers, or an organisation below one the manager's grant names). Community staff
 * do not hold `users.list`, so the user directory is not open to them; this list is.
 */

const LIMIT = 50;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The SQL condition "the grant `g` (with its organisation `o`) lies in the manager's reach". */
export function candidateReachSql(scope: Pick<StationScope, 'manageRegions' | 'manageOrgPaths'>): SQL {
  const conds: SQL[] = [];
  for (const r of scope.manageRegions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`coalesce(g.region_code, o.region_code) like ${`${escapeLike(prefix)}%`}`);
  }
  for (const p of scope.manageOrgPaths) conds.push(sql`o.path like ${`${escapeLike(p)}%`}`);
  if (conds.length === 0) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}

export async function keeperCandidates(
  db: Db,
  reach: SQL,
  q: string | undefined,
): Promise<StationKeeperCandidateDto[]> {
  const like = q ? `%${escapeLike(q)}%` : null;
  const r = (await db.execute(sql`select distinct on (au.id) au.id as "userId", au.name, g.role,
           coalesce(o.name, rg.name) as "scopeName"
      from role_grant g
      join app_user au on au.id = g.user_id and au.status = 'active' and au.kind = 'staff'
      left join organisation o on o.id = g.org_id
      left join region rg on rg.code = g.region_code
     where g.role in ('station_keeper', 'community_staff')
       and ${reach}
       ${like ? sql`and (au.name ilike ${like} or au.username ilike ${like})` : sql``}
     order by au.id, (g.role = 'station_keeper') desc
     limit ${LIMIT * 4}`)) as unknown as { rows: StationKeeperCandidateDto[] };
  return r.rows
    .sort((a, b) =>
      a.role === b.role ? a.name.localeCompare(b.name, 'zh') : a.role === 'station_keeper' ? -1 : 1,
    )
    .slice(0, LIMIT);
}

export function stationKeepersRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  return async (app) => {
    app.get(
      '/stations/keeper-candidates',
      {
        onRequest: requirePermission('stations.manage'),
        schema: {
          operationId: 'stations.keeperCandidates',
          tags: ['stations'],
          summary: 'Staff the actor may name keeper: station keepers and community staff within their reach',
          querystring: stationKeeperCandidatesQuery,
          response: { 200: stationKeeperCandidatesReply },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const db = database.db;
        const orgRegions = new Map<string, string | null>();
        for (const g of actor.grants)
          if (g.orgId && !g.regionCode && !orgRegions.has(g.orgId))
            orgRegions.set(g.orgId, (await getOrg(db, g.orgId))?.regionCode ?? null);
        const scope = stationScopeOf(actor, (id) => orgRegions.get(id) ?? null);
        return { items: await keeperCandidates(db, candidateReachSql(scope), req.query.q) };
      },
    );
  };
}
