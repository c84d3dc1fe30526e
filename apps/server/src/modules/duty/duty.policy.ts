import { type Permission, ROLE_PERMISSIONS, type Role, regionCovers } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';

/** Roles that may stand on a duty rota (值班人员). */
export const DUTY_OFFICER_ROLES: readonly Role[] = [
  'dispatcher',
  'industry_committee_admin',
  'district_admin',
];

/** Regions of the actor's grants that carry `permission`; `orgRegion` resolves an org grant. */
export function grantRegions(
  actor: Pick<Actor, 'grants'>,
  permission: Permission,
  orgRegion: (orgId: string) => string | null,
): string[] {
  const out: string[] = [];
  for (const g of actor.grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    const r = g.regionCode ?? (g.orgId ? orgRegion(g.orgId) : null);
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

/** Whether one of `regions` covers the rota's region. */
export function coversRota(regions: readonly string[], rotaRegion: string): boolean {
  return regions.some((r) => regionCovers(r, rotaRegion));
}

/** An officer's grant region and a rota's region lie on one branch (one covers the other). */
export function sameBranch(a: string, b: string): boolean {
  return regionCovers(a, b) || regionCovers(b, a);
}
