import path from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/client.ts';
import { runMigrations } from './platform/db/migrate.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { createLogger } from './platform/log.ts';
import { createPiiCipher, resolveMasterSecret } from './platform/pii/crypto.ts';

/**
 * config → database → migrations → (demo data on an empty database) → app → listen.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel, process.stdout.isTTY && config.env !== 'production');
  const embedded = !config.databaseUrl;
  const secret = resolveMasterSecret({
    secret: config.secret,
    dataDir: config.dataDir,
    production: config.env === 'production',
    embedded,
  });
  const database = await openDatabase(
    embedded ? { dataDir: path.join(config.dataDir, 'pgdata') } : { url: config.databaseUrl! },
  );
  await runMigrations(database);
  const deps: PlatformDeps = { config, database, pii: createPiiCipher(secret), log };
  const app = await buildApp(deps);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const ms = Date.now() - started;
  console.log(`\n  暖心 Nuanxin is running at ${config.publicUrl}  (${database.kind}, ready in ${ms} ms)\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
