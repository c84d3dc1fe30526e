import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.ts';
import { type Actor, type RequestMeta, SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import type { PlatformDeps } from '../deps.ts';
import { AppError, conflict, notFound, validation } from '../http/errors.ts';
import { DAY_KINDS, type DayKind, dayNumberOfIso } from './calendar.rules.ts';
import { calendarDay } from './calendar.tables.ts';
import { CALENDAR_CHANNEL } from './calendar.ts';
import { SEED_YEARS } from './seed.ts';

/**
 * Operating the working-day calendar: loading a year's official schedule (CLI `nuanxin calendar
 * import`, console 系统设置 → 工作日历), correcting one day, and — for the demo only — a
 * provisional year. Every change is audited and announced on {@link CALENDAR_CHANNEL} inside its
 * transaction, so every server process reloads its in-memory calendar once the change commits.
 */

/** Source of a provisional year loaded by the demo seed. */
export const PROVISIONAL_SOURCE = 'demo-provisional';
/** Source of a day corrected by an administrator. */
export const ADMIN_SOURCE = 'admin';
/** Kinds an import file may name; every other day of the year is derived from its weekday. */
export const IMPORT_KINDS = ['holiday', 'adjusted_workday'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Longest holiday name accepted (国庆节、中秋节…). */
const NAME_MAX = 40;

export interface ImportRow {
  date: string;
  kind: ImportKind;
  name: string | null;
}

export interface ParsedImport {
  year: number;
  rows: ImportRow[];
}

export interface ImportProblem {
  /** 1-based line of a CSV file, or 1-based row of a JSON array. */
  line: number;
  message: string;
}

export type DayCounts = Record<DayKind, number>;

export interface CalendarYearSummary {
  year: number;
  days: number;
  counts: DayCounts;
  /** Distinct sources of the year's rows, most frequent first. */
  sources: string[];
  /** Whether any day of the year is a provisional stand-in. */
  provisional: boolean;
}

export interface CalendarDayDto {
  date: string;
  kind: DayKind;
  name: string | null;
  source: string;
  provisional: boolean;
  version: number;
}

export interface ImportResult {
  year: number;
  source: string;
  /** Days written (new or different from before); 0 when the year already matched the file. */
  changed: number;
  unchanged: number;
  counts: DayCounts;
  holidays: ImportRow[];
}

const isWeekend = (date: string) => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
};

const emptyCounts = (): DayCounts => ({ workday: 0, holiday: 0, adjusted_workday: 0, weekend: 0 });

function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Splits one CSV line, honouring double quotes (`"a,b"`, `""` for a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.map((x) => x.trim());
}

/** Raw rows of a CSV (`date,kind,name`; header, blank lines and `#` comments allowed) or JSON file. */
function rawRows(content: string, format: 'csv' | 'json'): { line: number; cells: unknown[] }[] {
  const text = content.replace(/^\uFEFF/, '');
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw validation(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray((parsed as { days?: unknown }).days)
        ? (parsed as { days: unknown[] }).days
        : null;
    if (!list) throw validation('JSON must be an array of { "date", "kind", "name" } (or { "days": [...] })');
    return list.map((r, i) => {
      const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      return { line: i + 1, cells: [o.date, o.kind, o.name] };
    });
  }
  const out: { line: number; cells: unknown[] }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const trimmed = l.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const cells = splitCsvLine(trimmed);
    if (out.length === 0 && cells[0]?.toLowerCase() === 'date') return; // header
    out.push({ line: i + 1, cells });
  });
  return out;
}

/**
 * Parses and validates an import file: rows `date,kind,name` where kind is `holiday` or
 * `adjusted_workday` (a make-up working day, on a Saturday or Sunday), all in one year, each date
 * once. Every problem is reported at once: `common.validation` (400; exit code 2 in the CLI) with
 * `details.problems` listing line and message.
 */
export function parseCalendarImport(content: string, format: 'csv' | 'json'): ParsedImport {
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const raw = rawRows(content, format);
  for (const { line, cells } of raw) {
    const [d, k, n] = cells;
    const date = typeof d === 'string' ? d.trim() : '';
    const kind = typeof k === 'string' ? k.trim() : '';
    const name = typeof n === 'string' ? n.trim() : n === undefined || n === null ? '' : null;
    const bad = (message: string) => problems.push({ line, message });
    if (format === 'csv' && cells.length > 3) bad(`expected 3 columns (date,kind,name), got ${cells.length}`);
    let okDate = false;
    try {
      dayNumberOfIso(date);
      okDate = true;
    } catch {
      bad(`"${String(d ?? '')}" is not a date (YYYY-MM-DD)`);
    }
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      const hint = (DAY_KINDS as readonly string[]).includes(kind)
        ? ': list only holidays and make-up workdays; other days follow from the weekday'
        : '';
      bad(`kind "${String(k ?? '')}" must be holiday or adjusted_workday${hint}`);
    }
    if (name === null) bad('name must be text');
    else if (name.length > NAME_MAX) bad(`name is longer than ${NAME_MAX} characters`);
    if (!okDate) continue;
    const first = seen.get(date);
    if (first !== undefined) bad(`${date} is listed twice (first on line ${first})`);
    else seen.set(date, line);
    if (kind === 'adjusted_workday' && !isWeekend(date))
      bad(`${date} is a weekday: a make-up workday (adjusted_workday) falls on a Saturday or Sunday`);
    if ((IMPORT_KINDS as readonly string[]).includes(kind) && name !== null && first === undefined)
      rows.push({ date, kind: kind as ImportKind, name: name || null });
  }
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort((a, b) => a - b);
  if (raw.length === 0) problems.push({ line: 0, message: 'the file has no rows' });
  else if (years.length > 1)
    problems.push({
      line: 0,
      message: `rows span ${years.join(', ')}: import one year per file (correct a single day of another year in the console)`,
    });
  else if (problems.length === 0 && !rows.some((r) => r.kind === 'holiday'))
    problems.push({ line: 0, message: 'no holiday rows: this does not look like an official schedule' });
  if (problems.length > 0) {
    const head = problems
      .slice(0, 5)
      .map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message))
      .join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw validation(`Invalid calendar file: ${head}${more}`, { problems });
  }
  return { year: years[0]!, rows: rows.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** The format of a file by its name: `.json` is JSON, anything else CSV. */
export function formatOfFilename(filename: string): 'csv' | 'json' {
  return filename.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

/** Every day of `year`: the listed holidays and make-up days, otherwise Mon–Fri workday, Sat/Sun weekend. */
export function expandYear(year: number, rows: readonly ImportRow[]) {
  const listed = new Map(rows.map((r) => [r.date, r]));
  return datesOfYear(year).map((date) => {
    const r = listed.get(date);
    if (r) return { date, kind: r.kind as DayKind, name: r.name };
    return { date, kind: (isWeekend(date) ? 'weekend' : 'workday') as DayKind, name: null };
  });
}

async function notifyChange(tx: Db, year: number): Promise<void> {
  await tx.execute(sql`select pg_notify(${CALENDAR_CHANNEL}, ${String(year)})`);
}

const yearRange = (year: number) =>
  and(gte(calendarDay.date, `${year}-01-01`), lte(calendarDay.date, `${year}-12-31`));

/**
 * Writes a whole year from an official schedule: every day of the year is set (listed rows, the
 * rest derived from the weekday), provisional days become official. Idempotent: days that already
 * match are left alone (their version and source too), so importing the same file twice changes
 * nothing the second time. Audited (`calendar.import`), also when nothing changed.
 */
export async function importCalendarYear(
  deps: Pick<PlatformDeps, 'database' | 'calendar'>,
  actor: Pick<Actor, 'userId' | 'name' | 'roles'>,
  meta: RequestMeta | null,
  parsed: ParsedImport,
  filename: string,
): Promise<ImportResult> {
  const source = `import:${filename.trim() || 'console'}`.slice(0, 200);
  const { year } = parsed;
  const days = expandYear(year, parsed.rows);
  const result = await inTransaction(deps.database, async ({ tx }) => {
    // One import at a time per year, whichever process runs it.
    await tx.execute(sql`select pg_advisory_xact_lock(7011312, ${year})`);
    const existing = new Map(
      (await tx.select().from(calendarDay).where(yearRange(year))).map((r) => [r.date, r]),
    );
    const counts = emptyCounts();
    let changed = 0;
    const before = emptyCounts();
    const beforeSources = new Set<string>();
    for (const r of existing.values()) {
      before[r.kind] += 1;
      beforeSources.add(r.source);
    }
    for (const d of days) {
      counts[d.kind] += 1;
      const old = existing.get(d.date);
      if (old && old.kind === d.kind && (old.name ?? null) === d.name && !old.provisional) continue;
      changed += 1;
      if (old)
        await tx
          .update(calendarDay)
          .set({ kind: d.kind, name: d.name, source, provisional: false, version: old.version + 1 })
          .where(eq(calendarDay.date, d.date));
      else await tx.insert(calendarDay).values({ ...d, source, provisional: false, version: 1 });
    }
    await writeAudit(tx, actor, meta, {
      action: 'calendar.import',
      entityType: 'calendar_year',
      entityId: String(year),
      before: existing.size ? { counts: before, sources: [...beforeSources] } : null,
      after: { counts, source },
      note: `${changed} of ${days.length} days changed`,
    });
    if (changed > 0) await notifyChange(tx, year);
    return { year, source, changed, unchanged: days.length - changed, counts, holidays: parsed.rows };
  });
  if (result.changed > 0) await deps.calendar.reload();
  return result;
}

export interface SetDayInput {
  kind: DayKind;
  name?: string | null | undefined;
  /** The version the editor saw; a different current version is a conflict (409). */
  version?: number | undefined;
}

/**
 * Corrects one loaded day (source `admin`). The kind must fit the weekday: `workday` Mon–Fri,
 * `weekend` and `adjusted_workday` Sat/Sun, `holiday` any day. A day outside the loaded years is
 * `common.not_found`: load the year first. Setting what is already there changes nothing.
 */
export async function setCalendarDay(
  deps: Pick<PlatformDeps, 'database' | 'calendar'>,
  actor: Pick<Actor, 'userId' | 'name' | 'roles'>,
  meta: RequestMeta | null,
  date: string,
  input: SetDayInput,
): Promise<CalendarDayDto> {
  try {
    dayNumberOfIso(date);
  } catch {
    throw validation(`${date} is not a date (YYYY-MM-DD)`);
  }
  const weekend = isWeekend(date);
  if ((input.kind === 'workday' && weekend) || (input.kind === 'weekend' && !weekend))
    throw validation(
      `${date} is ${weekend ? 'a Saturday or Sunday' : 'a weekday'}: it cannot be a ${input.kind}`,
    );
  if (input.kind === 'adjusted_workday' && !weekend)
    throw validation(`${date} is a weekday: a make-up workday falls on a Saturday or Sunday`);
  const name =
    input.kind === 'holiday' || input.kind === 'adjusted_workday' ? input.name?.trim() || null : null;
  if (name && name.length > NAME_MAX) throw validation(`name is longer than ${NAME_MAX} characters`);
  const { row, changed } = await inTransaction(deps.database, async ({ tx }) => {
    const [old] = await tx.select().from(calendarDay).where(eq(calendarDay.date, date)).for('update');
    if (!old) throw notFound(`Calendar day ${date} (load the year ${date.slice(0, 4)} first)`);
    if (input.version !== undefined && input.version !== old.version)
      throw conflict(`${date} was changed meanwhile (version ${old.version}); reload and try again`);
    if (old.kind === input.kind && (old.name ?? null) === name) return { row: old, changed: false };
    const [updated] = await tx
      .update(calendarDay)
      .set({ kind: input.kind, name, source: ADMIN_SOURCE, version: old.version + 1 })
      .where(eq(calendarDay.date, date))
      .returning();
    await writeAudit(tx, actor, meta, {
      action: 'calendar.set_day',
      entityType: 'calendar_day',
      entityId: date,
      before: { kind: old.kind, name: old.name, source: old.source },
      after: { kind: input.kind, name },
    });
    await notifyChange(tx, Number(date.slice(0, 4)));
    return { row: updated!, changed: true };
  });
  if (changed) await deps.calendar.reload();
  return toDto(row);
}

function toDto(r: typeof calendarDay.$inferSelect): CalendarDayDto {
  return {
    date: r.date,
    kind: r.kind,
    name: r.name,
    source: r.source,
    provisional: r.provisional,
    version: r.version,
  };
}

/** Loaded years with their counts by kind, sources and provisional flag, ascending. */
export async function calendarYears(db: Db): Promise<CalendarYearSummary[]> {
  const rows = await db
    .select({
      year: sql<number>`extract(year from ${calendarDay.date})::int`,
      kind: calendarDay.kind,
      source: calendarDay.source,
      provisional: calendarDay.provisional,
      n: sql<number>`count(*)::int`,
    })
    .from(calendarDay)
    .groupBy(sql`1`, calendarDay.kind, calendarDay.source, calendarDay.provisional);
  const byYear = new Map<number, CalendarYearSummary & { bySource: Map<string, number> }>();
  for (const r of rows) {
    const year = Number(r.year);
    let y = byYear.get(year);
    if (!y) {
      y = { year, days: 0, counts: emptyCounts(), sources: [], provisional: false, bySource: new Map() };
      byYear.set(year, y);
    }
    const n = Number(r.n);
    y.days += n;
    y.counts[r.kind] += n;
    y.bySource.set(r.source, (y.bySource.get(r.source) ?? 0) + n);
    if (r.provisional) y.provisional = true;
  }
  return [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map(({ bySource, ...y }) => ({
      ...y,
      sources: [...bySource.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s),
    }));
}

/** Every loaded day of `year`, in date order (empty when the year is not loaded). */
export async function calendarDaysOf(db: Db, year: number): Promise<CalendarDayDto[]> {
  const rows = await db.select().from(calendarDay).where(yearRange(year)).orderBy(asc(calendarDay.date));
  return rows.map(toDto);
}

/**
 * DEMO ONLY. Loads the current and the next year, where they have no data and are not years the
 * seed library knows, as provisional years: Mon–Fri workday, Sat/Sun weekend, source
 * `demo-provisional`, `provisional` set. Without it a demo dispatching "now" in December would
 * need next year's official schedule. Never overwrites a row; refused in production; never called
 * by the platform's start-up seed. Returns the years loaded.
 */
export async function loadProvisionalYears(
  deps: Pick<PlatformDeps, 'database' | 'calendar' | 'config'>,
  now: Date = new Date(),
): Promise<number[]> {
  if (deps.config.env === 'production')
    throw new AppError(
      'auth.production_refused',
      'Provisional calendar years are never loaded in production',
    );
  const current = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const loaded: number[] = [];
  for (const year of [current, current + 1]) {
    if ((SEED_YEARS as readonly number[]).includes(year)) continue;
    const wrote = await inTransaction(deps.database, async ({ tx }) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7011312, ${year})`);
      const [has] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(calendarDay)
        .where(yearRange(year));
      if (Number(has?.n ?? 0) > 0) return false;
      const rows = expandYear(year, []).map((d) => ({
        ...d,
        source: PROVISIONAL_SOURCE,
        provisional: true,
        version: 1,
      }));
      await tx.insert(calendarDay).values(rows).onConflictDoNothing();
      await writeAudit(tx, SYSTEM_ACTOR, null, {
        action: 'calendar.provisional',
        entityType: 'calendar_year',
        entityId: String(year),
        note: `demo: ${year} loaded as a provisional year (weekdays only) until the official schedule is imported`,
      });
      await notifyChange(tx, year);
      return true;
    });
    if (wrote) loaded.push(year);
  }
  if (loaded.length) await deps.calendar.reload();
  return loaded;
}
