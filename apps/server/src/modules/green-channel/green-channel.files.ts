import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { registerAttachmentTarget } from '../files/index.ts';
import { getOrg } from '../orgs/index.ts';
import { canSeeClaim, type GrantOrg, grnScopeOf } from './green-channel.policy.ts';
import * as repo from './green-channel.repository.ts';

/**
 * Evidence photos of a claim are visible to whoever may open the claim (`canSeeClaim`, as the
 * claim detail). Registered with the files module when the green-channel module is loaded.
 */
export async function claimVisibleTo(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!actor.permissions.has('green_channel.read')) return false;
  const claim = await repo.getClaim(db, id);
  if (!claim) return false;
  const orgs = new Map<string, GrantOrg | null>();
  for (const g of actor.grants)
    if (g.orgId && !orgs.has(g.orgId)) {
      const o = await getOrg(db, g.orgId);
      orgs.set(g.orgId, o ? { name: o.name, kind: o.kind, regionCode: o.regionCode } : null);
    }
  const scope = grnScopeOf(actor, (orgId) => orgs.get(orgId) ?? null);
  return canSeeClaim(scope, {
    state: claim.state,
    regionCode: claim.regionCode,
    riderUserId: claim.riderUserId,
    platformOrgId: claim.platformOrgId,
    noticeId: claim.noticeId,
  });
}

registerAttachmentTarget('grn_claim', claimVisibleTo);
