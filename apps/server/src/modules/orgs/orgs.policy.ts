import {
  isRegionCode,
  type OrgActionsDto,
  type Permission,
  ROLE_PERMISSIONS,
  regionCovers,
  regionLevelOf,
  regionPrefix,
} from '@nuanxin/shared';
import type { Actor, ScopedGrant } from '../../platform/auth/actor.ts';

/**
 * Who may do what with regions and organisations. Pure functions, no database: the service loads
 * what they need (the organisation's `path` and `regionCode`).
 */

export { isRegionCode, regionCovers, regionLevelOf, regionPrefix };

// ---- materialised paths ----------------------------------------------------------------------

/** Path of a new organisation `id` below `parentPath` (or at the top): `/<root>/…/<id>/`. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Ids on the path, from the root to the organisation itself. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Depth of a path: 0 for a top-level organisation. */
export function depthOfPath(path: string): number {
  return pathIds(path).length - 1;
}

/** Whether the organisation with `path` is `rootId` or lies below it. */
export function pathWithin(path: string, rootId: string): boolean {
  return path.includes(`/${rootId}/`);
}

// ---- scope ---------------------------------------------------------------------------------

export interface OrgScopeTarget {
  path: string;
  regionCode: string;
}

/** Grants whose role carries `permission`: a role's scope applies only to what the role may do. */
export function grantsWith(actor: Actor, permission: Permission): ScopedGrant[] {
  if (!actor.permissions.has(permission)) return [];
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/**
 * Whether one grant covers an organisation: the grant's organisation is the organisation or one
 * of its ancestors, or the grant's region covers the organisation's region.
 */
export function grantCoversOrg(grant: ScopedGrant, target: OrgScopeTarget): boolean {
  if (grant.orgId && pathWithin(target.path, grant.orgId)) return true;
  if (grant.regionCode && regionCovers(grant.regionCode, target.regionCode)) return true;
  return false;
}

/** Whether a grant covers a region (for top-level organisations, which have no parent). */
export function grantCoversRegion(grant: ScopedGrant, regionCode: string): boolean {
  return grant.regionCode !== null && regionCovers(grant.regionCode, regionCode);
}

/** May the actor create an organisation below `parent`? */
export function canCreateChild(actor: Actor, parent: OrgScopeTarget): boolean {
  return grantsWith(actor, 'orgs.manage').some((g) => grantCoversOrg(g, parent));
}

/**
 * May the actor create a top-level organisation in `regionCode`? Only through a region grant:
 * an organisation grant covers a subtree, and a new root is outside every subtree.
 */
export function canCreateRoot(actor: Actor, regionCode: string): boolean {
  return grantsWith(actor, 'orgs.manage').some((g) => grantCoversRegion(g, regionCode));
}

export function orgActions(actor: Actor, org: OrgScopeTarget): OrgActionsDto {
  return { createChild: canCreateChild(actor, org) };
}
