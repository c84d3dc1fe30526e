import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalisePhone, STAFF_ROLES, type StaffRole } from '@nuanxin/shared';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { resolveScope } from '../modules/orgs/index.ts';
import { openPlatform } from '../platform/bootstrap.ts';
import { appliedMigrationCount } from '../platform/db/migrate.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { createLogger } from '../platform/log.ts';
import { demoSignInTable, seedDemo, seedRegions } from '../seed/demo.ts';
import { registerCalendarCommands } from './calendar-commands.ts';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from './data-dir-lock.ts';
import { generateAppeals, progressBar } from './generate-appeals.ts';
import { generateStations, stationsProgressBar } from './generate-stations.ts';
import * as identity from './identity-commands.ts';

/**
 * `nuanxin`: operations on the same database the server uses (DATABASE_URL, or the embedded
 * engine in NUANXIN_DATA_DIR/pgdata, with the same master secret).
 *
 * Exit codes: 0 done, 1 the command failed, 2 the command line was wrong.
 */

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A mistake in what the operator typed: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** Opens the database (migrated) for one command and closes it afterwards. */
async function withDeps<T>(fn: (deps: PlatformDeps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const embedded = !config.databaseUrl;
  let lock: DataDirLock | null = null;
  if (embedded) lock = acquireDataDirLock(config.dataDir, 'cli');
  try {
    // Events dispatch after commit to this process's handlers; jobs are recorded, never run here.
    const deps = await openPlatform(
      config,
      createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
      {
        runJobs: false,
        poolMax: 2,
      },
    );
    try {
      return await fn(deps);
    } finally {
      // Let after-commit dispatch of what the command published finish before the database closes.
      await deps.events.idle();
      await deps.events.stop();
      await deps.jobs.stop();
      await deps.database.close();
    }
  } finally {
    lock?.release();
  }
}

function phoneArg(v: string): string {
  const p = normalisePhone(v);
  if (!p) throw new InvalidArgumentError('not a mainland mobile number (11 digits)');
  return p;
}

export function buildProgram(io: CliIo = consoleIo): Command {
  const program = new Command('nuanxin')
    .description('暖心 Nuanxin operations: migrations, demo data, users and tokens')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });

  program
    .command('migrate')
    .description('apply the committed database migrations')
    .action(async () => {
      await withDeps(async ({ database }) => {
        const n = await appliedMigrationCount(database);
        io.out(`Database is up to date (${database.kind}, ${n} migrations applied).`);
      });
    });

  const seed = program.command('seed').description('load reference or demo data');
  seed
    .command('regions')
    .description('insert or refresh the Leshan administrative regions')
    .action(async () => {
      await withDeps(async ({ database }) => {
        await seedRegions(database.db);
        io.out('Regions are up to date.');
      });
    });
  seed
    .command('demo')
    .description('load the demo organisations and accounts (idempotent; refused in production)')
    .action(async () => {
      await withDeps(async (deps) => {
        if (deps.config.env === 'production')
          throw new AppError('auth.production_refused', 'Demo data is never loaded in production');
        const r = await seedDemo(deps, { appeals: true });
        io.out(
          `Demo data loaded: ${r.orgsCreated} organisations created, ${Object.keys(r.orgIds).length} in total.`,
        );
        io.out(demoSignInTable());
      });
    });

  program
    .command('generate')
    .description('generate load-test data')
    .command('appeals')
    .description('fill a realistic year of appeals (needs the demo data; refused in production)')
    .requiredOption('--count <n>', 'number of cases', (v) => {
      const n = Number(v.replaceAll('_', ''));
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive integer');
      return n;
    })
    .option('--region <codes>', 'district codes, comma-separated', '511102,511111')
    .option('--seed <s>', 'seed of the random choices', '1')
    .option('--append', 'add to a database that already holds generated appeals')
    .action(async (opts: { count: number; region: string; seed: string; append?: boolean }) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
      await withDeps(async (deps) => {
        if (deps.config.env === 'production')
          throw new AppError('auth.production_refused', 'Generated data is never loaded in production');
        const r = await generateAppeals(deps.database.db, {
          count: opts.count,
          regions: opts.region
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          seed,
          append: opts.append === true,
          onProgress: progressBar(),
        });
        io.out(
          `Generated ${r.cases} appeals, ${r.events} events, ${r.assignments} assignments, ${r.visits} visits in ${(r.ms / 1000).toFixed(1)} s.`,
        );
      });
    });

  program.commands
    .find((c) => c.name() === 'generate')
    ?.command('stations')
    .description('fill service stations for load and map tests (needs the demo data; refused in production)')
    .requiredOption('--count <n>', 'number of stations', (v) => {
      const n = Number(v.replaceAll('_', ''));
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive integer');
      return n;
    })
    .option('--region <codes>', 'district codes, comma-separated', '511102,511111')
    .option('--seed <s>', 'seed of the random choices', '1')
    .option('--append', 'add to a database that already holds generated stations')
    .action(async (opts: { count: number; region: string; seed: string; append?: boolean }) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
      await withDeps(async (deps) => {
        if (deps.config.env === 'production')
          throw new AppError('auth.production_refused', 'Generated data is never loaded in production');
        const r = await generateStations(deps.database.db, {
          count: opts.count,
          regions: opts.region
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          seed,
          append: opts.append === true,
          onProgress: stationsProgressBar(),
        });
        io.out(
          `Generated ${r.stations} stations, ${r.services} station services, ${r.capacity} capacity rows in ${(r.ms / 1000).toFixed(1)} s.`,
        );
      });
    });

  const user = program.command('user').description('staff accounts');
  user
    .command('create')
    .description('create a staff account with one role in one scope')
    .requiredOption('--phone <phone>', 'mobile number', phoneArg)
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'staff role').choices(STAFF_ROLES).makeOptionMandatory())
    .requiredOption('--scope <codeOrOrg>', 'region code (511102), organisation id or exact name')
    .option('--password <password>', 'initial password (default: generated and printed once)')
    .action(
      async (opts: { phone: string; name: string; role: StaffRole; scope: string; password?: string }) => {
        const name = opts.name.trim();
        if (!name || name.length > 40) throw new UsageError('--name must be 1 to 40 characters');
        await withDeps(async (deps) => {
          // Region names (沙湾区) as well as codes, organisation ids and names.
          const scope = await resolveScope(deps.database.db, opts.scope);
          io.out(await identity.createUser(deps, { ...opts, name, scope: scope.orgId ?? scope.regionCode }));
          io.out(`Scope: ${scope.label}`);
        });
      },
    );
  user
    .command('list')
    .description('list accounts (phones masked)')
    .action(async () => {
      await withDeps(async (deps) => io.out(await identity.listUsers(deps)));
    });

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create an API token for a user; it is printed once')
    .requiredOption('--user <phone>', "the user's mobile number", phoneArg)
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (opts: { user: string; name: string }) => {
      await withDeps(async (deps) => io.out(await identity.createToken(deps, opts)));
    });

  program
    .command('otp')
    .description('one-time sign-in codes')
    .command('last')
    .description('show the last SMS code sent to a phone (development senders only)')
    .requiredOption('--phone <phone>', 'mobile number', phoneArg)
    .action(async (opts: { phone: string }) => {
      const code = await withDeps((deps) => identity.lastOtp(deps, opts));
      if (code === null) throw new AppError('user.not_found', 'No code has been sent to this phone');
      io.out(code);
    });

  registerCalendarCommands(program, io, withDeps);
  return program;
}

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code))
        return EXIT_OK;
      // commander has already printed what was wrong
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}`);
      return EXIT_USAGE;
    }
    if (err instanceof DataDirBusyError) {
      io.err(`error: ${err.message}`);
      return EXIT_FAILED;
    }
    if (err instanceof AppError) {
      io.err(`error: ${err.message} [${err.code}]`);
      if (err.details !== undefined) io.err(JSON.stringify(err.details, null, 2));
      return err.status === 400 ? EXIT_USAGE : EXIT_FAILED;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.NUANXIN_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    return EXIT_FAILED;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = EXIT_FAILED;
    },
  );
}
