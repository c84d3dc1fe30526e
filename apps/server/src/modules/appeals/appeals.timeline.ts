import type { AppealState } from '@nuanxin/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { appeal, appealEvent } from './appeals.tables.ts';

/**
 * Overlay notes on a case's timeline for other modules (the duty rota) and the reminder jobs:
 * 值班 assignments and escalations, 催办 reminders. They never change the case's state.
 */
export type TimelineNoteAction = 'duty_assigned' | 'duty_escalated' | 'duty_acknowledged' | 'reminder';

export interface TimelineNote {
  action: TimelineNoteAction;
  note: string;
  /** Who acted; null for the system (a job, the rota). */
  actor: { userId: string; name: string } | null;
  /** Structured detail, e.g. `{ key }` to keep a note from being written twice. */
  data?: Record<string, unknown>;
  at?: Date;
}

/** Appends one staff-only note to the timeline, inside the caller's transaction. */
export async function appendTimelineNote(tx: Db, appealId: string, n: TimelineNote): Promise<string> {
  const [id] = await appendTimelineNotes(tx, [{ appealId, ...n }]);
  return id!;
}

/** Appends staff-only notes to the timelines of several cases in one statement (batch handlers). */
export async function appendTimelineNotes(
  tx: Db,
  notes: readonly (TimelineNote & { appealId: string })[],
): Promise<string[]> {
  if (notes.length === 0) return [];
  const rows = await tx
    .insert(appealEvent)
    .values(
      notes.map((n) => ({
        appealId: n.appealId,
        at: n.at ?? new Date(),
        actorId: n.actor?.userId ?? null,
        actorName: n.actor?.name ?? null,
        action: n.action,
        fromState: null,
        toState: null,
        note: n.note.slice(0, 1000),
        data: n.data ?? null,
        public: false,
      })),
    )
    .returning({ id: appealEvent.id });
  return rows.map((r) => r.id);
}

/** Whether a note with this `data.key` is already on the timeline (jobs run at least once). */
export async function hasTimelineNote(tx: Db, appealId: string, key: string): Promise<boolean> {
  const rows = await tx
    .select({ id: appealEvent.id })
    .from(appealEvent)
    .where(and(eq(appealEvent.appealId, appealId), sql`${appealEvent.data}->>'key' = ${key}`))
    .limit(1);
  return rows.length > 0;
}

/** What another module may know about a case to decide on it: state, region, clocks. */
export interface AppealBrief {
  id: string;
  caseNo: string;
  state: AppealState;
  regionCode: string;
  leadUnitId: string | null;
  createdAt: Date;
  dispatchedAt: Date | null;
  signDueAt: Date | null;
  dueAt: Date | null;
}

const briefColumns = {
  id: appeal.id,
  caseNo: appeal.caseNo,
  state: appeal.state,
  regionCode: appeal.regionCode,
  leadUnitId: appeal.leadUnitId,
  createdAt: appeal.createdAt,
  dispatchedAt: appeal.dispatchedAt,
  signDueAt: appeal.signDueAt,
  dueAt: appeal.dueAt,
};

/** The briefs of several cases in one query (batch handlers); missing ids are left out. */
export async function getAppealBriefs(db: Db, ids: readonly string[]): Promise<AppealBrief[]> {
  if (ids.length === 0) return [];
  return db
    .select(briefColumns)
    .from(appeal)
    .where(inArray(appeal.id, [...ids]));
}

/** Loads the brief of a case (locked `for update` when asked, for jobs acting on it). */
export async function getAppealBrief(db: Db, id: string, lock = false): Promise<AppealBrief | null> {
  const q = db.select(briefColumns).from(appeal).where(eq(appeal.id, id));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}
