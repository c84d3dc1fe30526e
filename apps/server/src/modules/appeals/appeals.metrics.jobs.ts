import type { PlatformDeps } from '../../platform/deps.ts';
import type { MetricsService } from './appeals.metrics.service.ts';

/** Queue of the weekly summaries 周报 (per district and industry committee). */
export const WEEKLY_SUMMARY_JOB = 'appeals.weekly-summary';
/** Every Monday at 06:00, Asia/Shanghai. */
export const WEEKLY_SUMMARY_CRON = '0 6 * * 1';

/**
 * Declares the worker and the Monday schedule. Generation is idempotent per (scope, week): a late,
 * repeated or retried run finds the week's summaries and does nothing.
 */
export async function registerMetricsJobs(deps: PlatformDeps, service: MetricsService): Promise<void> {
  deps.jobs.define(WEEKLY_SUMMARY_JOB);
  await deps.jobs.work(WEEKLY_SUMMARY_JOB, async () => {
    const n = await service.generateWeekly();
    return n > 0 ? 'done' : 'skipped';
  });
  if (deps.config.jobs) await deps.jobs.schedule(WEEKLY_SUMMARY_JOB, WEEKLY_SUMMARY_CRON);
}
