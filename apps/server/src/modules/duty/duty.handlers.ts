import type { PlatformDeps } from '../../platform/deps.ts';
import { type DutyService, ESCALATE_JOB, type EscalateJob } from './duty.service.ts';

/**
 * The rota's reactions: an off-hours `appeal.submitted` goes to the officer on duty (once per
 * event; the due events together, in one transaction), and the 30-minute escalation timer (queue
 * policy `short`: one waiting job per appeal and level).
 */
export async function registerDutyHandlers(deps: PlatformDeps, svc: DutyService): Promise<void> {
  deps.jobs.define(ESCALATE_JOB, { policy: 'short' });
  await deps.jobs.work<EscalateJob>(ESCALATE_JOB, (job) => svc.escalate(job));
  // Transactional sends need the queue to exist before the first event handler runs.
  await deps.jobs.sendAfter(ESCALATE_JOB, { warmup: true }, new Date(), { singletonKey: 'warmup' });
  // Every due `appeal.submitted` at once: a burst of filings costs a few statements per batch.
  deps.events.onBatch('appeal.submitted', 'duty.assign_off_hours', async (tx, events) => {
    await svc.onSubmittedMany(
      tx,
      events.map((e) => e.payload.appealId),
    );
  });
}
