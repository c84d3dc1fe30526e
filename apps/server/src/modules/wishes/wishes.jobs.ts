import type { PlatformDeps } from '../../platform/deps.ts';
import type { WishesService } from './wishes.service.ts';

/** Queue of the weekly wish batch 每周汇总. */
export const WISH_BATCH_JOB = 'wishes.weekly-batch';
/** Every Monday at 06:30, Asia/Shanghai. */
export const WISH_BATCH_CRON = '30 6 * * 1';

/** Declares the worker and the Monday schedule; generation is idempotent per (county, week). */
export async function registerWishJobs(deps: PlatformDeps, service: WishesService): Promise<void> {
  deps.jobs.define(WISH_BATCH_JOB);
  await deps.jobs.work(WISH_BATCH_JOB, async () => {
    const n = await service.generateWeekly();
    return n > 0 ? 'done' : 'skipped';
  });
  if (deps.config.jobs) await deps.jobs.schedule(WISH_BATCH_JOB, WISH_BATCH_CRON);
}
