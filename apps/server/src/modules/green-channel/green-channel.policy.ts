import { type Permission, ROLE_PERMISSIONS, regionCovers, regionPrefix } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { canTransition } from './green-channel.machine.ts';
import { GRN_ACTIONS, type GrnAction, type GrnActionsDto, type GrnState } from './green-channel.types.ts';

/**
 * Who may do what in the green channel. Pure: the service resolves the actor's grants into a
 * {@link GrnScope} once (it needs the granting organisations' names and regions).
 *
 * - rider: files claims, sees and closes their own;
 * - market-regulation officer: a department handler of a 市场监管 department (its region), or a
 *   dispatcher (their region): reviews, rejects, sends 暖心提示;
 * - dispatcher and district admin: record weather alerts in their region and read its claims;
 * - platform liaison: sees and answers only what is addressed to their platform company.
 * The government side never answers for a platform.
 */

export interface GrnScope {
  userId: string;
  isWorker: boolean;
  officerRegions: string[];
  alertRegions: string[];
  readRegions: string[];
  platformOrgIds: string[];
}

export interface GrantOrg {
  name: string;
  kind: string;
  regionCode: string;
}

/** A 市场监督管理局 (or 市场监管局): the only departments that act as the officer. */
export function isMarketRegulator(org: GrantOrg | null): boolean {
  return org !== null && org.kind === 'government_department' && /市场监(督管理|管)/.test(org.name);
}

export function grnScopeOf(actor: Actor, orgOf: (orgId: string) => GrantOrg | null): GrnScope {
  const has = (role: string, p: Permission) =>
    actor.permissions.has(p) && ROLE_PERMISSIONS[role as keyof typeof ROLE_PERMISSIONS].includes(p);
  const officer = new Set<string>();
  const alerts = new Set<string>();
  const read = new Set<string>();
  const platforms = new Set<string>();
  for (const g of actor.grants) {
    const org = g.orgId ? orgOf(g.orgId) : null;
    const region = g.regionCode ?? org?.regionCode ?? null;
    if (g.role === 'dispatcher' && has(g.role, 'green_channel.review') && g.regionCode) {
      officer.add(g.regionCode);
      read.add(g.regionCode);
    }
    if (g.role === 'department_handler' && has(g.role, 'green_channel.review') && isMarketRegulator(org)) {
      officer.add(org!.regionCode);
      read.add(org!.regionCode);
    }
    if (
      (g.role === 'dispatcher' || g.role === 'district_admin') &&
      has(g.role, 'green_channel.alerts') &&
      region
    ) {
      alerts.add(region);
      read.add(region);
    }
    if (
      g.role === 'platform_liaison' &&
      has(g.role, 'green_channel.answer') &&
      g.orgId &&
      org?.kind === 'platform_company'
    )
      platforms.add(g.orgId);
  }
  return {
    userId: actor.userId,
    isWorker: actor.kind === 'worker',
    officerRegions: [...officer],
    alertRegions: [...alerts],
    readRegions: [...read],
    platformOrgIds: [...platforms],
  };
}

export interface ClaimFacts {
  state: GrnState;
  regionCode: string;
  riderUserId: string;
  platformOrgId: string;
  /** A claim reaches the platform only with a 暖心提示. */
  noticeId: string | null;
}

export const covers = (regions: readonly string[], code: string) =>
  regions.some((r) => regionCovers(r, code));

export function isRider(s: GrnScope, c: ClaimFacts): boolean {
  return c.riderUserId === s.userId;
}
export function isOfficerFor(s: GrnScope, c: Pick<ClaimFacts, 'regionCode'>): boolean {
  return covers(s.officerRegions, c.regionCode);
}
export function isPlatformOf(s: GrnScope, c: Pick<ClaimFacts, 'platformOrgId'>): boolean {
  return s.platformOrgIds.includes(c.platformOrgId);
}

export function canSeeClaim(s: GrnScope, c: ClaimFacts): boolean {
  return isRider(s, c) || covers(s.readRegions, c.regionCode) || (isPlatformOf(s, c) && c.noticeId !== null);
}

export function canSeeNotice(s: GrnScope, n: { regionCode: string; platformOrgId: string }): boolean {
  return covers(s.readRegions, n.regionCode) || isPlatformOf(s, n);
}

/** The who-column, state aside. */
export function mayAct(s: GrnScope, c: ClaimFacts, action: GrnAction): boolean {
  switch (action) {
    case 'review':
    case 'reject':
    case 'sendNotice':
      return isOfficerFor(s, c);
    case 'answer':
      return isPlatformOf(s, c);
    case 'close':
      return isRider(s, c) || isOfficerFor(s, c);
  }
}

/** Policy ∧ machine, so the UI never re-implements a rule. */
export function claimActions(s: GrnScope, c: ClaimFacts): GrnActionsDto {
  const out = {} as GrnActionsDto;
  for (const a of GRN_ACTIONS) out[a] = mayAct(s, c, a) && canTransition(c.state, a);
  return out;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** `canSeeClaim` / `canSeeNotice` as a WHERE condition. `rider` is omitted for notices. */
export function visibleSql(
  s: GrnScope,
  cols: { region: SQL; platform: SQL; rider?: SQL; notice?: SQL },
): SQL {
  const conds: SQL[] = [];
  if (cols.rider) conds.push(sql`${cols.rider} = ${s.userId}`);
  for (const r of s.readRegions) {
    const prefix = regionPrefix(r);
    if (prefix) conds.push(sql`${cols.region} like ${`${escapeLike(prefix)}%`}`);
  }
  for (const p of s.platformOrgIds)
    conds.push(
      cols.notice
        ? sql`(${cols.platform} = ${p} and ${cols.notice} is not null)`
        : sql`${cols.platform} = ${p}`,
    );
  if (conds.length === 0) return sql`false`;
  return sql`(${sql.join(conds, sql` or `)})`;
}
