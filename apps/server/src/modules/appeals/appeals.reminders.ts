import type { AppealState } from '@nuanxin/shared';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import type { JobOutcome } from '../../platform/jobs/jobs.ts';
import { notify } from '../notifications/index.ts';
import { handlersOfUnit } from './appeals.repository.ts';
import { appendTimelineNote, getAppealBrief, hasTimelineNote } from './appeals.timeline.ts';

/**
 * Deadline reminders 催办: supervision as an overlay, never a state. When a case is dispatched
 * (and when an extension moves its deadline) timers are set for
 *   - `sign_80`  at 80 % of the sign window (in office hours), if still unsigned;
 *   - `sign_due` at the sign deadline, if still unsigned;
 *   - `due_1wd`  at the opening (08:30) of the last working day, one working day before `dueAt`;
 *   - `due`      at `dueAt`, if not resolved.
 * Each timer carries the deadline it was set for: a job finding the case signed, resolved, or its
 * deadline moved does nothing. The note on the timeline and the notices are written once per key.
 */

export const REMINDER_JOB = 'appeals.reminder';
export const REMINDER_KINDS = ['sign_80', 'sign_due', 'due_1wd', 'due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderJob {
  appealId: string;
  kind: ReminderKind;
  /** The deadline (ISO) the timer was set for: `signDueAt` or `dueAt` at scheduling time. */
  deadline: string;
  /** A no-op job that only makes sure the queue exists at start-up. */
  warmup?: boolean;
}

const UNSIGNED: readonly AppealState[] = ['dispatched'];
const UNRESOLVED: readonly AppealState[] = ['dispatched', 'returned', 'handling'];

const TEXT: Record<ReminderKind, (caseNo: string) => { title: string; body: string }> = {
  sign_80: (c) => ({ title: `催办：${c} 即将超过签收时限`, body: '签收时限已过80%，请尽快签收' }),
  sign_due: (c) => ({ title: `催办：${c} 已到签收时限`, body: '已到签收时限仍未签收，请立即签收' }),
  due_1wd: (c) => ({ title: `催办：${c} 明日到期`, body: '距办结时限不足1个工作日，请抓紧办理' }),
  due: (c) => ({ title: `催办：${c} 已到办结时限`, body: '已到办结时限仍未办结，请立即处理或申请延期' }),
};

export const reminderKey = (j: Pick<ReminderJob, 'appealId' | 'kind' | 'deadline'>) =>
  `${j.appealId}:${j.kind}:${j.deadline}`;

/** When each reminder fires, from the case's clocks; pure apart from the calendar. */
export function reminderTimes(
  calendar: PlatformDeps['calendar'],
  c: { dispatchedAt: Date | null; signDueAt: Date | null; dueAt: Date | null },
  which: 'sign' | 'due' | 'both' = 'both',
): { kind: ReminderKind; at: Date; deadline: Date }[] {
  const out: { kind: ReminderKind; at: Date; deadline: Date }[] = [];
  if (which !== 'due' && c.signDueAt && c.dispatchedAt) {
    const window = calendar.workingHoursBetween(c.dispatchedAt, c.signDueAt);
    const at80 = window > 0 ? calendar.addWorkingHours(c.dispatchedAt, window * 0.8) : c.signDueAt;
    out.push({ kind: 'sign_80', at: at80, deadline: c.signDueAt });
    out.push({ kind: 'sign_due', at: c.signDueAt, deadline: c.signDueAt });
  }
  if (which !== 'sign' && c.dueAt) {
    const day = new Date(c.dueAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const opening = new Date(`${day}T08:30:00+08:00`);
    if (opening < c.dueAt) out.push({ kind: 'due_1wd', at: opening, deadline: c.dueAt });
    out.push({ kind: 'due', at: c.dueAt, deadline: c.dueAt });
  }
  return out;
}

export interface ReminderOptions {
  now?: () => Date;
}

export function createReminders(deps: PlatformDeps, opts: ReminderOptions = {}) {
  const now = opts.now ?? (() => new Date());

  /** Sets the timers for a case, inside the caller's transaction (an event handler's). */
  async function schedule(tx: Db, appealId: string, which: 'sign' | 'due' | 'both'): Promise<number> {
    const c = await getAppealBrief(tx, appealId);
    if (!c || !UNRESOLVED.includes(c.state)) return 0;
    let n = 0;
    for (const r of reminderTimes(deps.calendar, c, which)) {
      const data: ReminderJob = { appealId, kind: r.kind, deadline: r.deadline.toISOString() };
      const id = await deps.jobs.sendAfter(REMINDER_JOB, data, r.at, { tx, singletonKey: reminderKey(data) });
      if (id) n += 1;
    }
    return n;
  }

  /** The job: re-load the case, skip when it moved on, else note it on the timeline and notify. */
  async function run(job: ReminderJob): Promise<JobOutcome> {
    if (job.warmup) return 'skipped';
    return inTransaction(deps.database, async ({ tx }) => {
      const c = await getAppealBrief(tx, job.appealId, true);
      if (!c) return 'skipped';
      const sign = job.kind === 'sign_80' || job.kind === 'sign_due';
      const deadline = sign ? c.signDueAt : c.dueAt;
      if (!deadline || deadline.toISOString() !== job.deadline) return 'skipped';
      if (!(sign ? UNSIGNED : UNRESOLVED).includes(c.state)) return 'skipped';
      const key = reminderKey(job);
      if (await hasTimelineNote(tx, c.id, key)) return 'skipped';
      const text = TEXT[job.kind](c.caseNo);
      await appendTimelineNote(tx, c.id, {
        action: 'reminder',
        note: `${text.title}（${text.body}）`,
        actor: null,
        data: { key, kind: job.kind, deadline: job.deadline },
        at: now(),
      });
      if (c.leadUnitId)
        for (const userId of await handlersOfUnit(tx, c.leadUnitId))
          await notify(tx, {
            userId,
            kind: 'appeal.reminder',
            title: text.title,
            body: text.body,
            link: `/admin/appeals/${c.id}`,
          });
      return 'done';
    });
  }

  return { schedule, run };
}

/**
 * Declares the reminder queue and its worker, and the reactions that set timers: on dispatch
 * (sign window and resolve deadline) and on an approved extension (the new deadline).
 */
export async function registerAppealReminders(deps: PlatformDeps): Promise<void> {
  const reminders = createReminders(deps);
  deps.jobs.define(REMINDER_JOB, { policy: 'short' });
  await deps.jobs.work<ReminderJob>(REMINDER_JOB, (job) => reminders.run(job));
  // Transactional sends need the queue to exist before the first event handler runs.
  await deps.jobs.sendAfter(REMINDER_JOB, { warmup: true }, new Date(), { singletonKey: 'warmup' });
  deps.events.on('appeal.dispatched', 'appeals.schedule_reminders', async (tx, event) => {
    await reminders.schedule(tx, event.payload.appealId, 'both');
  });
  deps.events.on('appeal.extension_decided', 'appeals.reschedule_due_reminders', async (tx, event) => {
    if (event.payload.approved) await reminders.schedule(tx, event.payload.appealId, 'due');
  });
}
