import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { modules } from '../modules/index.ts';
import { createWorkCalendar, seedCalendar } from './calendar/index.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import type { PlatformDeps } from './deps.ts';
import { createEventDispatcher } from './events/dispatcher.ts';
import { createJobs } from './jobs/jobs.ts';
import { createPiiCipher, resolveMasterSecret } from './pii/crypto.ts';

/**
 * Opens what the server and the CLI share: the master secret, the database (embedded under
 * `<dataDir>/pgdata`, or PostgreSQL at DATABASE_URL), migrations, and every module's handlers.
 * `runJobs` decides whether this process works jobs or only records them.
 */
export async function openPlatform(
  config: Config,
  log: Logger,
  opts: { runJobs: boolean; poolMax?: number },
): Promise<PlatformDeps> {
  const embedded = !config.databaseUrl;
  const secret = resolveMasterSecret({
    secret: config.secret,
    dataDir: config.dataDir,
    production: config.env === 'production',
    embedded,
  });
  const database = await openDatabase(
    embedded
      ? { dataDir: path.join(config.dataDir, 'pgdata') }
      : { url: config.databaseUrl!, ...(opts.poolMax ? { poolMax: opts.poolMax } : {}) },
  );
  await runMigrations(database);
  await seedCalendar(database.db);
  const deps: PlatformDeps = {
    config,
    database,
    pii: createPiiCipher(secret),
    log,
    events: createEventDispatcher(database, log),
    jobs: createJobs(database, log, { run: opts.runJobs, url: config.databaseUrl }),
    calendar: await createWorkCalendar(database),
  };
  for (const m of modules) await m.register?.(deps);
  return deps;
}
