import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { EngineKind } from '../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../db/testing.ts';
import type { PlatformDeps } from '../deps.ts';
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
  const config = loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off', LOG_LEVEL: 'silent', ...env });
  const deps: PlatformDeps = {
    config,
    database,
    pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
    log: createLogger('silent'),
  };
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  return {
    app,
    deps,
    database,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
