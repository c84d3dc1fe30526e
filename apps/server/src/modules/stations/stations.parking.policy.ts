import { type Permission, ROLE_PERMISSIONS, regionCovers, regionPrefix } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may do what with parking zones 专属停放区 and compound-access notes 小区进门. Pure: the
 * service resolves organisation grants to their regions first. Zones are managed and notes
 * reviewed by staff whose grant (a region, or an organisation's region) covers the zone's or
 * note's region: the district admin for the district, community staff for their township.
 */
export interface ParkingAccessScope {
  userId: string;
  isWorker: boolean;
  /** Regions whose parking zones the actor creates and edits. */
  zoneRegions: string[];
  /** Regions whose compound-access notes the actor confirms or rejects. */
  reviewRegions: string[];
  /** Workers report compound-access notes. */
  canReport: boolean;
}

function regionsFor(
  actor: Actor,
  permission: Permission,
  orgRegion: (orgId: string) => string | null,
): string[] {
  if (!actor.permissions.has(permission)) return [];
  const out = new Set<string>();
  for (const g of actor.grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (g.regionCode) out.add(g.regionCode);
    else if (g.orgId) {
      const r = orgRegion(g.orgId);
      if (r) out.add(r);
    }
  }
  return [...out];
}

export function parkingAccessScopeOf(
  actor: Actor,
  orgRegion: (orgId: string) => string | null,
): ParkingAccessScope {
  return {
    userId: actor.userId,
    isWorker: actor.kind === 'worker',
    zoneRegions: regionsFor(actor, 'parking_zones.manage', orgRegion),
    reviewRegions: regionsFor(actor, 'compound_access.review', orgRegion),
    canReport: actor.kind === 'worker' && actor.permissions.has('compound_access.report'),
  };
}

/** Grants without a region of their own whose organisation's region must be looked up. */
export function orgGrantsToResolve(actor: Actor): string[] {
  const ids = new Set<string>();
  for (const g of actor.grants)
    if (
      g.orgId &&
      !g.regionCode &&
      (ROLE_PERMISSIONS[g.role].includes('parking_zones.manage') ||
        ROLE_PERMISSIONS[g.role].includes('compound_access.review'))
    )
      ids.add(g.orgId);
  return [...ids];
}

export const covers = (regions: readonly string[], code: string): boolean =>
  regions.some((r) => regionCovers(r, code));

export function mayManageZone(s: ParkingAccessScope, regionCode: string): boolean {
  return covers(s.zoneRegions, regionCode);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** `column like prefix%` for each region; `false` when there is none. */
export function regionsSql(regions: readonly string[], column: SQL): SQL {
  const conds: SQL[] = [];
  for (const r of regions) {
    const p = regionPrefix(r);
    if (p) conds.push(sql`${column} like ${`${escapeLike(p)}%`}`);
  }
  return conds.length ? sql`(${sql.join(conds, sql` or `)})` : sql`false`;
}

/** `%text%` for ILIKE, with the wildcards of `text` escaped. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
