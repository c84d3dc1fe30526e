import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as repo from './notifications.repository.ts';
import type { NotificationDto, NotificationsListQuery, NotificationsPage } from './notifications.schemas.ts';

export interface NotifyInput {
  userId: string;
  /** Dotted kind, usually the event that caused it: `appeal.answered`. */
  kind: string;
  title: string;
  body?: string;
  /** In-app path, e.g. `/m/appeals/<id>`. */
  link?: string | null;
  /** The domain event this notice reacts to, for tracing. */
  sourceEventId?: string | null;
}

const MAX_TITLE = 200;
const MAX_BODY = 2000;

/**
 * Puts a notice in one user's in-app inbox, inside the caller's transaction (usually an event
 * handler, which the dispatcher runs at most once per event). Over-long text is cut, not refused:
 * a notice must never make the use case that sends it fail.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<string> {
  return repo.insert(tx, rowOf(input));
}

/** Puts several notices in their users' inboxes in one statement (batch event handlers). */
export async function notifyMany(tx: Db, inputs: readonly NotifyInput[]): Promise<string[]> {
  return repo.insertMany(tx, inputs.map(rowOf));
}

function rowOf(input: NotifyInput): repo.NewNotification {
  return {
    userId: input.userId,
    kind: input.kind.slice(0, 100),
    title: input.title.slice(0, MAX_TITLE),
    body: (input.body ?? '').slice(0, MAX_BODY),
    link: input.link ?? null,
    sourceEventId: input.sourceEventId ?? null,
  };
}

export function toDto(row: repo.NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** The actor's own inbox, newest first. Nobody reads another person's inbox. */
export async function list(db: Db, actor: Actor, q: NotificationsListQuery): Promise<NotificationsPage> {
  const { rows, total } = await repo.listForUser(db, actor.userId, {
    unreadOnly: q.unreadOnly,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(db: Db, actor: Actor): Promise<{ count: number }> {
  return { count: await repo.countUnread(db, actor.userId) };
}

/** 404 for another user's notification as for a missing one: its existence is not ours to tell. */
export async function read(db: Db, actor: Actor, id: string): Promise<{ ok: true }> {
  if (!(await repo.markRead(db, actor.userId, id)))
    throw new AppError('notification.not_found', 'Notification not found');
  return { ok: true };
}

export async function readAll(db: Db, actor: Actor): Promise<{ ok: true }> {
  await repo.markAllRead(db, actor.userId);
  return { ok: true };
}
