import {
  type Permission,
  ROLE_PERMISSIONS,
  regionCovers,
  regionPrefix,
  type StationActionsDto,
} from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may do what with which station (docs/contract-stations.md). Pure: the service resolves the
 * actor's grants into a {@link StationScope} once (organisation-only grants need the
 * organisation's region) and loads a station's facts into {@link StationFacts}.
 *
 * Reach of a grant holding `stations.read` / `stations.manage`: its region (or, for a grant held
 * through an organisation only, that organisation's region) and the subtree of its organisation
 * as operator. A `station_keeper` grant reaches through its organisation only (the stations its
 * operator runs), never a whole region. Keepers (`station_keeper` rows) of a station, holding
 * `stations.keep`, set its live status and capacity and print its poster.
 */

export interface StationScope {
  userId: string;
  isStaff: boolean;
  readRegions: string[];
  readOrgPaths: string[];
  manageRegions: string[];
  manageOrgPaths: string[];
  canKeep: boolean;
  canCatalogue: boolean;
  canCheckin: boolean;
}

/** What the policy needs to know about one station. */
export interface StationFacts {
  regionCode: string;
  /** Materialised path of the operating organisation. */
  operatorPath: string | null;
  /** The actor is one of the station's keepers. */
  isKeeper: boolean;
}

function reach(actor: Actor, permission: Permission, orgRegion: (orgId: string) => string | null) {
  const regions = new Set<string>();
  const paths = new Set<string>();
  if (actor.permissions.has(permission))
    for (const g of actor.grants) {
      if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
      if (g.orgPath) paths.add(g.orgPath);
      if (g.role === 'station_keeper') continue;
      if (g.regionCode) regions.add(g.regionCode);
      else if (g.orgId) {
        const r = orgRegion(g.orgId);
        if (r) regions.add(r);
      }
    }
  return { regions: [...regions], paths: [...paths] };
}

export function stationScopeOf(actor: Actor, orgRegion: (orgId: string) => string | null): StationScope {
  const read = reach(actor, 'stations.read', orgRegion);
  const manage = reach(actor, 'stations.manage', orgRegion);
  return {
    userId: actor.userId,
    isStaff: actor.kind === 'staff',
    // Managing implies reading.
    readRegions: [...new Set([...read.regions, ...manage.regions])],
    readOrgPaths: [...new Set([...read.paths, ...manage.paths])],
    manageRegions: manage.regions,
    manageOrgPaths: manage.paths,
    canKeep: actor.permissions.has('stations.keep'),
    canCatalogue: actor.permissions.has('stations.catalogue'),
    canCheckin: actor.permissions.has('stations.checkin'),
  };
}

/** Nobody signed in (public routes). */
export const PUBLIC_SCOPE: StationScope = {
  userId: '',
  isStaff: false,
  readRegions: [],
  readOrgPaths: [],
  manageRegions: [],
  manageOrgPaths: [],
  canKeep: false,
  canCatalogue: false,
  canCheckin: false,
};

const covers = (regions: readonly string[], code: string) => regions.some((r) => regionCovers(r, code));
const below = (paths: readonly string[], path: string | null) =>
  path !== null && paths.some((p) => path.startsWith(p));

/** May create a station in `regionCode` run by the organisation at `operatorPath`. */
export function mayManageAt(s: StationScope, regionCode: string, operatorPath: string | null): boolean {
  return covers(s.manageRegions, regionCode) || below(s.manageOrgPaths, operatorPath);
}

export function mayManage(s: StationScope, f: StationFacts): boolean {
  return mayManageAt(s, f.regionCode, f.operatorPath);
}

/** Sees the station in the console (list, visit figures, keepers). */
export function mayRead(s: StationScope, f: StationFacts): boolean {
  return (
    covers(s.readRegions, f.regionCode) || below(s.readOrgPaths, f.operatorPath) || (s.canKeep && f.isKeeper)
  );
}

/** Sets live status and capacity: its keepers and its managers. */
export function mayKeep(s: StationScope, f: StationFacts): boolean {
  return (s.canKeep && f.isKeeper) || mayManage(s, f);
}

export function stationActions(s: StationScope, f: StationFacts): StationActionsDto {
  const manage = mayManage(s, f);
  return {
    update: manage,
    setLive: mayKeep(s, f),
    poster: mayKeep(s, f),
    rotateQr: manage,
    visits: mayRead(s, f),
  };
}

// ---------------------------------------------------------------------------------------------
// The same rule as `mayRead`, as a WHERE condition on the `station` table.

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Stations the scope reads (region prefix, operator subtree, or kept by the actor). */
export function readableStationsSql(s: StationScope, stationId: SQL, region: SQL, operatorId: SQL): SQL {
  const conds: SQL[] = [];
  for (const r of s.readRegions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`${region} like ${`${escapeLike(prefix)}%`}`);
  }
  if (s.readOrgPaths.length > 0) {
    const paths = sql.join(
      s.readOrgPaths.map((p) => sql`o.path like ${`${escapeLike(p)}%`}`),
      sql` or `,
    );
    conds.push(sql`exists (select 1 from organisation o where o.id = ${operatorId} and (${paths}))`);
  }
  if (s.canKeep)
    conds.push(
      sql`exists (select 1 from station_keeper k where k.station_id = ${stationId} and k.user_id = ${s.userId})`,
    );
  if (conds.length === 0) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}
