import { and, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AuditSearchQuery } from './audit.schemas.ts';

export type AuditRow = typeof auditLog.$inferSelect;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function where(q: AuditSearchQuery): SQL | undefined {
  const c: SQL[] = [];
  if (q.actorId) c.push(eq(auditLog.actorId, q.actorId));
  if (q.action) {
    c.push(
      q.action.endsWith('*')
        ? like(auditLog.action, `${escapeLike(q.action.slice(0, -1))}%`)
        : eq(auditLog.action, q.action),
    );
  }
  if (q.entityType) c.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) c.push(eq(auditLog.entityId, q.entityId));
  if (q.outcome) c.push(eq(auditLog.outcome, q.outcome));
  if (q.from) c.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) c.push(lt(auditLog.at, new Date(q.to)));
  return c.length ? and(...c) : undefined;
}

/** Newest first; the id (UUIDv7) breaks ties between rows of the same instant. */
export async function search(db: Db, q: AuditSearchQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(q);
  const rows = await db
    .select()
    .from(auditLog)
    .where(w)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [c] = await db.select({ n: count() }).from(auditLog).where(w);
  return { rows, total: Number(c?.n ?? 0) };
}
