import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../db/ids.ts';

/** In-app inbox, one row per recipient. */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    sourceEventId: uuid('source_event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_user_idx').on(t.userId, t.createdAt),
    index('notification_unread_idx').on(t.userId, t.readAt),
  ],
);

/**
 * Messages handed to an outside channel (SMS, WeChat template message). The built-in development
 * senders stop here; a production sender marks rows sent or failed. The recipient is kept as a
 * blind index (for `nuanxin otp last`) and a masked form, never in clear.
 */
export const messageOutbox = pgTable(
  'message_outbox',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    channel: text('channel', { enum: ['sms', 'wechat'] }).notNull(),
    recipientIndex: text('recipient_index').notNull(),
    recipientMasked: text('recipient_masked').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'dev'] })
      .notNull()
      .default('dev'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_outbox_recipient_idx').on(t.recipientIndex, t.createdAt)],
);
