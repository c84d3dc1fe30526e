import { buildApp } from './app.ts';
import { acquireDataDirLock } from './cli/data-dir-lock.ts';
import { loadConfig } from './config.ts';
import { openPlatform } from './platform/bootstrap.ts';
import { createLogger } from './platform/log.ts';
import { demoSignInTable, hasDemoAccounts, hasRegions, seedDemo, seedRegions } from './seed/demo.ts';

/**
 * config → database → migrations → (demo data on an empty database) → app → listen.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel, process.stdout.isTTY && config.env !== 'production');
  const embedded = !config.databaseUrl;
  // The embedded engine allows one process per data directory: refuse to share it (released on exit).
  if (embedded) acquireDataDirLock(config.dataDir, 'server');
  const deps = await openPlatform(config, log, { runJobs: config.jobs });
  const { database } = deps;
  // An empty database gets the Leshan regions and, unless disabled or in production, the demo data.
  if (!(await hasRegions(database.db))) {
    await seedRegions(database.db);
    if (config.seedDemo && config.env !== 'production') await seedDemo(deps, { appeals: true });
  }
  const demoBanner =
    config.env !== 'production' && (await hasDemoAccounts(database.db)) ? `${demoSignInTable()}\n` : '';
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
      // Stop background work before the database goes: running handlers finish or fail first.
      await deps.events.stop();
      await deps.jobs.stop();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // The poller re-dispatches what a crash left behind; jobs run only where enabled.
  deps.events.start();
  if (config.jobs) await deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  const ms = Date.now() - started;
  console.log(`\n  暖心 Nuanxin is running at ${config.publicUrl}  (${database.kind}, ready in ${ms} ms)\n`);
  if (demoBanner) console.log(demoBanner);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
