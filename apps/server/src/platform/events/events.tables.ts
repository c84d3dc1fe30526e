import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../db/ids.ts';

/**
 * Transactional outbox: domain events are inserted in the business transaction and dispatched
 * after commit; a poller re-dispatches anything a crash left behind.
 */
export const outboxEvent = pgTable(
  'outbox_event',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * Not before this time: a dispatcher claiming the row pushes it forward (a lease, so another
     * process skips it), a failure pushes it forward by the backoff.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_event_pending_idx').on(t.dispatchedAt, t.nextAttemptAt)],
);

/** Which handler has already processed which event: makes handlers idempotent by event id. */
export const eventHandled = pgTable(
  'event_handled',
  {
    eventId: uuid('event_id').notNull(),
    handler: text('handler').notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.handler] })],
);
