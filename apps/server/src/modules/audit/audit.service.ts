import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { forbidden } from '../../platform/http/errors.ts';
import * as repo from './audit.repository.ts';
import type { AuditEntryDto, AuditPage, AuditSearchQuery } from './audit.schemas.ts';

export function toDto(r: repo.AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    actorRole: r.actorRole,
    action: r.action,
    outcome: r.outcome,
    entityType: r.entityType,
    entityId: r.entityId,
    summary: (r.summary as AuditEntryDto['summary']) ?? null,
    requestId: r.requestId,
    ip: r.ip,
  };
}

/** The filters as written into the audit row of the search itself. */
function filtersOf(q: AuditSearchQuery): Record<string, unknown> {
  const { page, pageSize, ...rest } = q;
  return { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), page, pageSize };
}

/**
 * Records a refused attempt to read the log (the route's coarse check calls this before its 403).
 * The query is unvalidated here, so only its keys and short values are kept.
 */
export async function recordDenied(database: Database, actor: Actor, meta: RequestMeta, query: unknown) {
  const filters: Record<string, string> = {};
  if (query && typeof query === 'object')
    for (const [k, v] of Object.entries(query).slice(0, 20))
      filters[k.slice(0, 40)] = String(v).slice(0, 100);
  await writeAudit(database.db, actor, meta, {
    action: 'audit.search',
    outcome: 'denied',
    after: { filters },
  });
}

/**
 * Searches the audit log for the auditor (separation of duties: the administrators who act are not
 * the ones who read). Reading the log is itself an audited act, in the same transaction as the
 * read.
 */
export async function search(
  database: Database,
  actor: Actor,
  meta: RequestMeta,
  q: AuditSearchQuery,
): Promise<AuditPage> {
  if (!actor.permissions.has('audit.read')) throw forbidden('Only auditors read the audit log');
  return inTransaction(database, async ({ tx }) => {
    const { rows, total } = await repo.search(tx, q);
    await writeAudit(tx, actor, meta, {
      action: 'audit.search',
      after: { filters: filtersOf(q), total },
    });
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  });
}
