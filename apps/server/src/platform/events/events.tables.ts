import { sql } from 'drizzle-orm';
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
  // Only the undispatched rows, in claiming order: a claim walks the oldest pending events and stops
  // after a batch, whatever the size of the dispatched history and however many row versions the
  // claims and marks of a burst left behind (a bitmap scan of the former (dispatched_at,
  // next_attempt_at) index visited each of them: 14 ms per claim after ~17,000 filings).
  (t) => [index('outbox_event_pending_idx').on(t.createdAt).where(sql`dispatched_at is null`)],
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
