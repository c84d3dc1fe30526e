import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { maskDeep } from '../pii/mask.ts';
import { auditLog } from './audit.tables.ts';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
  outcome?: 'success' | 'denied' | 'failure';
}

/**
 * Writes one audit row inside the caller's transaction, so the record and the change commit or
 * roll back together. Personal data in the summary is masked here, whatever the caller passed.
 */
export async function writeAudit(
  tx: Db,
  actor: Pick<Actor, 'userId' | 'name' | 'roles'> | null,
  meta: RequestMeta | null,
  entry: AuditEntry,
): Promise<void> {
  await auditInsert(tx, actor, meta, entry);
}

/**
 * The audit row's insert, not yet run: for a use case that writes its rows in one statement
 * (`runTogether` in platform/db/tx.ts). Masks like {@link writeAudit}.
 */
export function auditInsert(
  tx: Db,
  actor: Pick<Actor, 'userId' | 'name' | 'roles'> | null,
  meta: RequestMeta | null,
  entry: AuditEntry,
) {
  const summary: { before?: unknown; after?: unknown; note?: string } = {};
  if (entry.before !== undefined) summary.before = maskDeep(entry.before);
  if (entry.after !== undefined) summary.after = maskDeep(entry.after);
  if (entry.note !== undefined) summary.note = String(maskDeep(entry.note));
  return tx.insert(auditLog).values({
    actorId: actor?.userId ?? null,
    actorName: actor?.name ?? null,
    actorRole: actor?.roles.join(',') || null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    summary,
    requestId: meta?.requestId ?? null,
    ip: meta?.ip ?? null,
  });
}
