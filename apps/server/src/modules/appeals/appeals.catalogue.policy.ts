import { ROLE_PERMISSIONS, regionCovers, regionPrefix } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may edit the category tree and the dispatch catalogue. Pure: the service resolves
 * organisation grants to their region once and passes them in.
 *
 * - The category tree is one for the whole city: any holder of `appeals.manage_catalogue`
 *   (district admins, the system administrator) edits it; every change is audited.
 * - A dispatch rule belongs to a region: an actor reads and edits only the rules of the regions
 *   their grants cover (a 市中区 admin: 市中区 and its townships), filtered in SQL.
 */

export interface CatalogueScope {
  userId: string;
  /** Regions whose dispatch rules the actor manages (a grant's region, or its organisation's). */
  manageRegions: string[];
}

export function catalogueScopeOf(actor: Actor, orgRegion: (orgId: string) => string | null): CatalogueScope {
  const regions = new Set<string>();
  if (actor.permissions.has('appeals.manage_catalogue'))
    for (const g of actor.grants) {
      if (!ROLE_PERMISSIONS[g.role].includes('appeals.manage_catalogue')) continue;
      const r = g.regionCode ?? (g.orgId ? orgRegion(g.orgId) : null);
      if (r) regions.add(r);
    }
  return { userId: actor.userId, manageRegions: [...regions] };
}

/** May the actor manage the rules of `regionCode` (the region or one above it is theirs)? */
export function managesRegion(s: CatalogueScope, regionCode: string): boolean {
  return s.manageRegions.some((r) => regionCovers(r, regionCode));
}

/** May the actor edit the category tree at all? */
export function managesCategories(s: CatalogueScope): boolean {
  return s.manageRegions.length > 0;
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, '\\$&');

/** `managesRegion` as a WHERE condition on a region-code column. */
export function managedRegionSql(s: CatalogueScope, regionColumn: SQL): SQL {
  const conds: SQL[] = [];
  for (const r of s.manageRegions) {
    const p = regionPrefix(r);
    if (p) conds.push(sql`${regionColumn} like ${`${escapeLike(p)}%`}`);
  }
  return conds.length > 0 ? sql`(${sql.join(conds, sql` or `)})` : sql`false`;
}
