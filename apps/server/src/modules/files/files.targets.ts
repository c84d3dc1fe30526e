import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AttachmentType } from './files.tables.ts';

/**
 * The attachment registry. A photo attached to a case is visible to whoever may see the case, and
 * only the module that owns the case knows that rule. Rather than import those modules (which
 * import this one to attach photos), the files module keeps a table of visibility checks that each
 * owning module fills in when it is loaded (`appeals.files.ts`, `green-channel.files.ts`). An
 * attachment type nobody registered is visible to nobody but the uploader: the check fails closed.
 */

/** Whether `actor` may see the record `id` of the owning module (its own detail rule, not a list filter). */
export type CaseVisibility = (db: Db, actor: Actor, id: string) => Promise<boolean>;

const targets = new Map<AttachmentType, CaseVisibility>();

export function registerAttachmentTarget(type: AttachmentType, canSee: CaseVisibility): void {
  targets.set(type, canSee);
}

export async function caseVisibleTo(
  db: Db,
  actor: Actor,
  type: AttachmentType,
  id: string,
): Promise<boolean> {
  const canSee = targets.get(type);
  return canSee ? canSee(db, actor, id) : false;
}
