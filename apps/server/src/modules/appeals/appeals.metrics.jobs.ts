import type { PlatformDeps } from '../../platform/deps.ts';
import type { MetricsService } from './appeals.metrics.service.ts';

/** Queue of the weekly summaries 周报 (per district and industry committee). */
export const WEEKLY_SUMMARY_JOB = 'appeals.weekly-summary';
/** Every Monday at 06:00, Asia/Shanghai. */
export const WEEKLY_SUMMARY_CRON = '0 6 * * 1';

/** Queue of the metrics cube rebuild: the cells transitions marked dirty (docs/metrics.md). */
export const METRICS_CUBE_JOB = 'appeals.metrics-cube';
/** Every five minutes, so a metrics query rarely has cells left to rebuild itself. */
export const METRICS_CUBE_CRON = '*/5 * * * *';

/**
 * Declares the workers and their schedules: the weekly summaries every Monday (idempotent per
 * scope and week: a late, repeated or retried run finds the week's summaries and does nothing) and
 * the cube rebuild every five minutes (its first run after the facts migration builds the cube).
 */
export async function registerMetricsJobs(deps: PlatformDeps, service: MetricsService): Promise<void> {
  deps.jobs.define(WEEKLY_SUMMARY_JOB);
  await deps.jobs.work(WEEKLY_SUMMARY_JOB, async () => {
    const n = await service.generateWeekly();
    return n > 0 ? 'done' : 'skipped';
  });
  if (deps.config.jobs) await deps.jobs.schedule(WEEKLY_SUMMARY_JOB, WEEKLY_SUMMARY_CRON);
  deps.jobs.define(METRICS_CUBE_JOB);
  await deps.jobs.work(METRICS_CUBE_JOB, async () =>
    (await service.refreshCube()) > 0 ? 'done' : 'skipped',
  );
  if (deps.config.jobs) await deps.jobs.schedule(METRICS_CUBE_JOB, METRICS_CUBE_CRON);
}
