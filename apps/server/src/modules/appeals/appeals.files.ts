import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { registerAttachmentTarget } from '../files/index.ts';
import { type CaseFacts, canSee } from './appeals.policy.ts';
import { resolveAppealScope } from './appeals.queues.ts';
import * as repo from './appeals.repository.ts';

/**
 * Photos attached to an appeal are visible to whoever may open the case: the same policy
 * (`canSee`) and the same facts as `appeals.get`, so a 404 on the case is a 404 on its photos.
 * Registered with the files module when the appeals module is loaded.
 */
export async function appealVisibleTo(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!actor.permissions.has('appeals.read')) return false;
  const row = await repo.getAppeal(db, id);
  if (!row) return false;
  const scope = await resolveAppealScope(db, actor);
  const [assignments, following] = await Promise.all([
    repo.listAssignments(db, id),
    repo.isFollowing(db, id, actor.userId),
  ]);
  const active = assignments.filter((a) => a.endedAt === null);
  const facts: CaseFacts = {
    state: row.state,
    regionCode: row.regionCode,
    reporterUserId: row.reporterUserId ?? row.createdBy,
    leadUnitPath: active.find((a) => a.role === 'lead')?.unitPath ?? null,
    coUnitPaths: active.filter((a) => a.role === 'co').map((a) => a.unitPath),
    everAssignedPaths: [...new Set(assignments.map((a) => a.unitPath))],
    following,
  };
  return canSee(scope, facts);
}

registerAttachmentTarget('appeal', appealVisibleTo);
