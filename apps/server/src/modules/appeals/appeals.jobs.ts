import type { PlatformDeps } from '../../platform/deps.ts';
import type { AppealsService } from './appeals.service.ts';

/** Queue of the no-answer sweep (resolved and unvisited for N days → visited, no_answer). */
export const NO_ANSWER_JOB = 'appeals.no-answer-sweep';
/** Every hour at minute 17, Asia/Shanghai. */
export const NO_ANSWER_CRON = '17 * * * *';

/**
 * Declares the worker, and the hourly schedule where jobs run. Each case is re-loaded in its own
 * transaction and skipped when it moved on (a visit came in), so a late or repeated run is harmless.
 */
export async function registerAppealJobs(deps: PlatformDeps, service: AppealsService): Promise<void> {
  deps.jobs.define(NO_ANSWER_JOB);
  await deps.jobs.work(NO_ANSWER_JOB, async () => {
    const n = await service.sweepNoAnswer();
    return n > 0 ? 'done' : 'skipped';
  });
  if (deps.config.jobs) await deps.jobs.schedule(NO_ANSWER_JOB, NO_ANSWER_CRON);
}
