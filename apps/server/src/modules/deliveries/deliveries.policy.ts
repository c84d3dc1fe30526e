import {
  DELIVERY_CODE_MAX_TRIES,
  type DeliveryStatus,
  ROLE_PERMISSIONS,
  regionCovers,
  regionPrefix,
} from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { canDelivery, type DeliveryAction, type DeliveryContext } from './deliveries.machine.ts';

/**
 * Who may do what with home meal delivery (CAN-05). Pure. Community staff (`deliveries.manage`)
 * register beneficiaries and file, assign, confirm and cancel deliveries of the communities their
 * grant covers: an organisation grant covers that organisation's subtree (a 社区 and below), a
 * region grant the communities in that region. Riders are signed-in workers; a rider acts only
 * on a delivery they hold. A resident in their self-service session (no account: an SMS code to
 * the phone on the register) sees the deliveries of the residents registered with that phone,
 * cancels one before a rider has taken it and confirms receipt. Anything out of reach answers
 * 404, as if it did not exist.
 */
export interface DeliveryScope {
  userId: string;
  /** Signed-in workers (riders); opting in is checked by the service. */
  isRider: boolean;
  /** Materialised organisation paths (`/<id>/…/`) whose subtrees the actor manages. */
  orgPaths: string[];
  /** Regions whose communities the actor manages. */
  regions: string[];
  /** Beneficiaries a resident's self-service session covers (empty for accounts). */
  residentOf: string[];
}

export function deliveryScopeOf(actor: Actor): DeliveryScope {
  const orgPaths = new Set<string>();
  const regions = new Set<string>();
  if (actor.permissions.has('deliveries.manage'))
    for (const g of actor.grants) {
      if (!ROLE_PERMISSIONS[g.role].includes('deliveries.manage')) continue;
      if (g.orgPath) orgPaths.add(g.orgPath);
      else if (g.regionCode) regions.add(g.regionCode);
    }
  return {
    userId: actor.userId,
    isRider: actor.kind === 'worker' && actor.permissions.has('stations.checkin'),
    orgPaths: [...orgPaths],
    regions: [...regions],
    residentOf: [],
  };
}

/** The scope of a resident's self-service session over the residents registered with its phone. */
export function residentScope(sessionId: string, beneficiaryIds: string[]): DeliveryScope {
  return {
    userId: `resident:${sessionId}`,
    isRider: false,
    orgPaths: [],
    regions: [],
    residentOf: beneficiaryIds,
  };
}

/** Where a beneficiary's community sits: its organisation path and region. */
export interface CommunityFacts {
  path: string;
  regionCode: string;
}

export function isStaff(s: DeliveryScope): boolean {
  return s.orgPaths.length > 0 || s.regions.length > 0;
}

export function managesCommunity(s: DeliveryScope, c: CommunityFacts): boolean {
  return s.orgPaths.some((p) => c.path.startsWith(p)) || s.regions.some((r) => regionCovers(r, c.regionCode));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The SQL form of `managesCommunity` over an organisation's path and region columns. */
export function communitySql(s: DeliveryScope, path: SQL, regionCode: SQL): SQL {
  const conds: SQL[] = [];
  for (const p of s.orgPaths) conds.push(sql`${path} like ${`${escapeLike(p)}%`}`);
  for (const r of s.regions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`${regionCode} like ${`${escapeLike(prefix)}%`}`);
  }
  return conds.length ? sql`(${sql.join(conds, sql` or `)})` : sql`false`;
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** The facts of one delivery the rules look at. */
export interface DeliveryFacts {
  beneficiaryId: string;
  status: DeliveryStatus;
  riderUserId: string | null;
  pickedUp: boolean;
  codeAttempts: number;
  community: CommunityFacts;
}

export const codeLocked = (attempts: number) => attempts >= DELIVERY_CODE_MAX_TRIES;

function contextOf(d: DeliveryFacts): DeliveryContext {
  return { pickedUp: d.pickedUp, codeLocked: codeLocked(d.codeAttempts) };
}

export const STAFF_ACTIONS = ['assign', 'handle', 'confirm', 'cancel'] as const;
export const RIDER_ACTIONS = ['pickup', 'release', 'deliver'] as const;
/** What a resident may do with their own request: cancel it while nobody has taken it, confirm receipt. */
export const RESIDENT_ACTIONS = ['cancel', 'confirm'] as const;

function residentMay(s: DeliveryScope, d: DeliveryFacts, action: DeliveryAction): boolean {
  if (!s.residentOf.includes(d.beneficiaryId)) return false;
  if (action === 'cancel') return d.status === 'requested';
  return action === 'confirm';
}

/** Policy ∧ machine: may this actor do `action` on this delivery now? */
export function mayActOnDelivery(s: DeliveryScope, d: DeliveryFacts, action: DeliveryAction): boolean {
  const ctx = contextOf(d);
  if (!canDelivery(action, d.status, ctx)) return false;
  if ((STAFF_ACTIONS as readonly string[]).includes(action))
    return managesCommunity(s, d.community) || residentMay(s, d, action);
  if (action === 'claim') return s.isRider;
  return s.isRider && d.riderUserId === s.userId;
}

/** A delivery the actor may see: their community's (staff), one they hold (rider), their own (resident). */
export function maySeeDelivery(s: DeliveryScope, d: DeliveryFacts): boolean {
  return (
    managesCommunity(s, d.community) ||
    (s.isRider && d.riderUserId === s.userId) ||
    s.residentOf.includes(d.beneficiaryId)
  );
}

export function staffActions(s: DeliveryScope, d: DeliveryFacts) {
  return {
    assign: mayActOnDelivery(s, d, 'assign'),
    handle: mayActOnDelivery(s, d, 'handle'),
    confirm: mayActOnDelivery(s, d, 'confirm'),
    cancel: mayActOnDelivery(s, d, 'cancel'),
  };
}

export function riderActions(s: DeliveryScope, d: DeliveryFacts) {
  return {
    pickup: mayActOnDelivery(s, d, 'pickup'),
    release: mayActOnDelivery(s, d, 'release'),
    deliver: mayActOnDelivery(s, d, 'deliver'),
  };
}

export function residentActions(s: DeliveryScope, d: DeliveryFacts) {
  return { cancel: mayActOnDelivery(s, d, 'cancel'), confirm: mayActOnDelivery(s, d, 'confirm') };
}
