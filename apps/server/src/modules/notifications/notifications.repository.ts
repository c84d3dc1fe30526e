import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { notification } from '../../platform/notify/notify.tables.ts';

export type NotificationRow = typeof notification.$inferSelect;
export type NewNotification = typeof notification.$inferInsert;

export async function insert(db: Db, row: NewNotification): Promise<string> {
  const [r] = await db.insert(notification).values(row).returning({ id: notification.id });
  return r!.id;
}

export async function insertMany(db: Db, rows: NewNotification[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insert(notification).values(rows).returning({ id: notification.id })).map((r) => r.id);
}

function ownFilter(userId: string, unreadOnly: boolean) {
  return unreadOnly
    ? and(eq(notification.userId, userId), isNull(notification.readAt))
    : eq(notification.userId, userId);
}

export async function listForUser(
  db: Db,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = ownFilter(userId, opts.unreadOnly);
  const rows = await db
    .select()
    .from(notification)
    .where(where)
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(opts.limit)
    .offset(opts.offset);
  const [c] = await db.select({ n: count() }).from(notification).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [c] = await db.select({ n: count() }).from(notification).where(ownFilter(userId, true));
  return Number(c?.n ?? 0);
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: notification.id, readAt: notification.readAt })
    .from(notification)
    .where(and(eq(notification.id, id), eq(notification.userId, userId)));
  if (rows.length === 0) return false;
  // Reading twice keeps the first time.
  await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(and(eq(notification.id, id), isNull(notification.readAt)));
  return true;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(ownFilter(userId, true))
    .returning({ id: notification.id });
  return rows.length;
}
