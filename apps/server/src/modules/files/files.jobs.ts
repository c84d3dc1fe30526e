import type { PlatformDeps } from '../../platform/deps.ts';
import type { FilesService } from './files.service.ts';

/** Queue of the purge of uploads never attached to a case. */
export const PURGE_UNATTACHED_JOB = 'files.purge-unattached';
/** Every hour at minute 43, Asia/Shanghai. */
export const PURGE_UNATTACHED_CRON = '43 * * * *';

/**
 * Declares the worker, and the hourly schedule where jobs run. The delete re-checks that a file is
 * still unattached, so a photo attached while the job runs is kept, and a repeated run is harmless.
 */
export async function registerFilesJobs(deps: PlatformDeps, service: FilesService): Promise<void> {
  deps.jobs.define(PURGE_UNATTACHED_JOB);
  await deps.jobs.work(PURGE_UNATTACHED_JOB, async () => {
    const n = await service.purgeUnattached();
    if (n > 0) deps.log.info({ job: PURGE_UNATTACHED_JOB, deleted: n }, 'unattached uploads purged');
    return n > 0 ? 'done' : 'skipped';
  });
  if (deps.config.jobs) await deps.jobs.schedule(PURGE_UNATTACHED_JOB, PURGE_UNATTACHED_CRON);
}
