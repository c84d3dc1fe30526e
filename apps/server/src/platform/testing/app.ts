import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { modules } from '../../modules/index.ts';
import { createWorkCalendar, seedCalendar } from '../calendar/index.ts';
import type { EngineKind } from '../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../db/testing.ts';
import type { PlatformDeps } from '../deps.ts';
import { createEventDispatcher } from '../events/dispatcher.ts';
import { createJobs } from '../jobs/jobs.ts';
import { createLogger } from '../log.ts';
import { createPiiCipher } from '../pii/crypto.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: PlatformDeps;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole server on a fresh database of its own, for HTTP tests with `app.inject()`. */
export async function buildTestApp(
  engine: EngineKind = 'pglite',
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  await seedCalendar(database.db);
  const config = loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off', LOG_LEVEL: 'silent', ...env });
  const log = createLogger('silent');
  const deps: PlatformDeps = {
    config,
    database,
    pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
    log,
    // Events dispatch after commit (no poller); jobs record but never run unless a test starts them.
    events: createEventDispatcher(database, log),
    jobs: createJobs(database, log, { run: config.jobs }),
    calendar: await createWorkCalendar(database),
  };
  for (const m of modules) await m.register?.(deps);
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  return {
    app,
    deps,
    database,
    async close() {
      await app.close();
      await deps.events.stop();
      await deps.jobs.stop();
      await database.destroy();
    },
  };
}
