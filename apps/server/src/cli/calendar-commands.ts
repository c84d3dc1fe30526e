import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import {
  calendarDaysOf,
  calendarYears,
  formatOfFilename,
  importCalendarYear,
  parseCalendarImport,
} from '../platform/calendar/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { AppError, validation } from '../platform/http/errors.ts';

/**
 * `nuanxin calendar show|import`: the working-day calendar's yearly operation. Each new year's
 * official schedule (国务院办公厅 holiday notice, published in Oct–Nov) is loaded before the year
 * starts; until then deadlines reaching into it fail with `calendar.out_of_range`.
 */

interface Io {
  out(line: string): void;
  err(line: string): void;
}
type WithDeps = <T>(fn: (deps: PlatformDeps) => Promise<T>) => Promise<T>;

const CLI_ACTOR = { ...SYSTEM_ACTOR, name: 'cli' };
const CLI_META = { requestId: 'cli', ip: '127.0.0.1' };
const KIND_LABEL = { holiday: '休', adjusted_workday: '班' } as const;

function yearArg(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 2000 || n > 2100) throw new InvalidArgumentError('a year such as 2027');
  return n;
}

export async function showYear(deps: PlatformDeps, year: number | undefined): Promise<string> {
  const years = await calendarYears(deps.database.db);
  if (year === undefined) {
    if (years.length === 0) return 'No calendar years are loaded.';
    return years
      .map(
        (y) =>
          `${y.year}: ${y.days} days, ${y.counts.workday + y.counts.adjusted_workday} working days` +
          ` (${y.counts.holiday} holiday, ${y.counts.adjusted_workday} make-up workday)` +
          ` — source ${y.sources.join(', ')}${y.provisional ? ' — PROVISIONAL (awaiting the official schedule)' : ''}`,
      )
      .join('\n');
  }
  const summary = years.find((y) => y.year === year);
  if (!summary)
    throw new AppError(
      'common.not_found',
      `${year} is not loaded: import its official schedule with \`nuanxin calendar import --file ${year}.csv\` (loaded: ${years.map((y) => y.year).join(', ') || 'none'})`,
    );
  const days = await calendarDaysOf(deps.database.db, year);
  const lines = [
    `Calendar ${year}${summary.provisional ? ' — PROVISIONAL (weekdays only, awaiting the official schedule)' : ''}`,
    `Source: ${summary.sources.join(', ')}`,
    `Days: ${summary.days}${summary.days < 365 ? ' (incomplete year)' : ''}`,
    `  workday           ${summary.counts.workday}`,
    `  adjusted_workday  ${summary.counts.adjusted_workday}`,
    `  holiday           ${summary.counts.holiday}`,
    `  weekend           ${summary.counts.weekend}`,
    `  working days      ${summary.counts.workday + summary.counts.adjusted_workday}`,
  ];
  const special = days.filter((d) => d.kind === 'holiday' || d.kind === 'adjusted_workday');
  lines.push(special.length ? 'Holidays and make-up workdays:' : 'No holidays or make-up workdays.');
  for (const d of special)
    lines.push(
      `  ${d.date} ${KIND_LABEL[d.kind as keyof typeof KIND_LABEL]} ${d.kind.padEnd(16)} ${d.name ?? ''}`.trimEnd(),
    );
  return lines.join('\n');
}

export async function importFile(deps: PlatformDeps, file: string): Promise<string> {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw validation(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const filename = path.basename(file);
  const parsed = parseCalendarImport(content, formatOfFilename(filename));
  const r = await importCalendarYear(deps, CLI_ACTOR, CLI_META, parsed, filename);
  return [
    `Imported ${r.year} from ${filename} (source ${r.source}): ${r.changed} days changed, ${r.unchanged} unchanged.`,
    `  ${r.counts.workday + r.counts.adjusted_workday} working days: ${r.counts.workday} workday, ${r.counts.adjusted_workday} make-up workday; ${r.counts.holiday} holiday, ${r.counts.weekend} weekend.`,
  ].join('\n');
}

/** Adds `calendar show` and `calendar import` to the program. */
export function registerCalendarCommands(program: Command, io: Io, withDeps: WithDeps): void {
  const calendar = program.command('calendar').description('the working-day calendar (holidays, 调休)');
  calendar
    .command('show')
    .description(
      'counts by kind, the source, holidays and make-up workdays of a year (all years without --year)',
    )
    .option('--year <year>', 'the year, e.g. 2027', yearArg)
    .action(async (opts: { year?: number }) => {
      await withDeps(async (deps) => io.out(await showYear(deps, opts.year)));
    });
  calendar
    .command('import')
    .description(
      "load a year's official schedule: CSV date,kind,name (or a .json array of rows) listing holidays and make-up workdays (adjusted_workday); every other day is Mon–Fri workday, Sat/Sun weekend. Idempotent.",
    )
    .requiredOption('--file <file>', 'the CSV or JSON file')
    .action(async (opts: { file: string }) => {
      if (!fs.existsSync(opts.file)) throw validation(`No such file: ${opts.file}`);
      await withDeps(async (deps) => io.out(await importFile(deps, opts.file)));
    });
}
