import { type Permission, ROLE_PERMISSIONS, regionCovers, regionPrefix } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { canWish, WISH_USER_ACTIONS, type WishContext, type WishUserAction } from './wishes.machine.ts';
import type { WishState } from './wishes.tables.ts';

/**
 * Who may do what with wishes and forums. Pure: the service resolves organisation grants to
 * their regions once. Workers file wishes and see their own; community staff, dispatchers,
 * industry committee and district admins handle the wishes of their regions; forums are recorded
 * by dispatchers, industry committee and district admins of the forum's region.
 */

export interface WishScope {
  userId: string;
  isWorker: boolean;
  canCreate: boolean;
  /** Regions whose wishes (and boxes) the actor handles. */
  manageRegions: string[];
  /** Regions whose forums the actor reads and records. */
  forumRegions: string[];
  forumManage: boolean;
}

function regionsFor(actor: Actor, permission: Permission, orgRegion: (orgId: string) => string | null) {
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

export function wishScopeOf(actor: Actor, orgRegion: (orgId: string) => string | null): WishScope {
  return {
    userId: actor.userId,
    isWorker: actor.kind === 'worker',
    canCreate: actor.permissions.has('wishes.create'),
    manageRegions: regionsFor(actor, 'wishes.manage', orgRegion),
    forumRegions: regionsFor(actor, 'forums.read', orgRegion),
    forumManage: actor.permissions.has('forums.manage'),
  };
}

export interface WishFacts {
  state: WishState;
  regionCode: string;
  submitterUserId: string | null;
  trackerUserId: string | null;
  converted: boolean;
}

export const covers = (regions: readonly string[], code: string) =>
  regions.some((r) => regionCovers(r, code));

export function isSubmitter(s: WishScope, w: WishFacts): boolean {
  return w.submitterUserId !== null && w.submitterUserId === s.userId;
}
export function isManager(s: WishScope, w: Pick<WishFacts, 'regionCode'>): boolean {
  return covers(s.manageRegions, w.regionCode);
}

export function canSeeWish(s: WishScope, w: WishFacts): boolean {
  return isSubmitter(s, w) || isManager(s, w) || (w.trackerUserId !== null && w.trackerUserId === s.userId);
}

export function mayActOnWish(s: WishScope, w: WishFacts, action: WishUserAction): boolean {
  if (action === 'answer') return isManager(s, w) || w.trackerUserId === s.userId;
  return isManager(s, w);
}

export type WishActions = Record<WishUserAction, boolean>;

/** Policy ∧ machine, for the `actions` of a wish: the UI shows only these. */
export function wishActions(s: WishScope, w: WishFacts): WishActions {
  const ctx: WishContext = { converted: w.converted };
  const out = {} as WishActions;
  for (const a of WISH_USER_ACTIONS) out[a] = mayActOnWish(s, w, a) && canWish(w.state, a, ctx);
  return out;
}

export function mayManageForum(s: WishScope, regionCode: string): boolean {
  return s.forumManage && covers(s.forumRegions, regionCode);
}
export function maySeeForum(s: WishScope, regionCode: string): boolean {
  return covers(s.forumRegions, regionCode);
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
