import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../db/ids.ts';

/**
 * Append-only audit log (MLPS 8.1.4.3). A trigger (migration `audit_append_only`) refuses UPDATE,
 * DELETE and TRUNCATE, so no code path — ours or a mistaken one — can rewrite history.
 * Summaries are masked before they are written.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'denied', 'failure'] })
      .notNull()
      .default('success'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    summary: jsonb('summary').$type<{ before?: unknown; after?: unknown; note?: string }>(),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
