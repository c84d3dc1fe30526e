import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDefinition } from '../../modules/index.ts';
import { actorOf, metaOf, requirePermission } from '../auth/plugin.ts';
import type { PlatformDeps } from '../deps.ts';
import {
  calendarDaysOf,
  calendarYears,
  importCalendarYear,
  parseCalendarImport,
  setCalendarDay,
} from './calendar.admin.ts';
import { DAY_KINDS } from './calendar.rules.ts';

const dayKind = z.enum(DAY_KINDS);
const counts = z.object({
  workday: z.number().int(),
  holiday: z.number().int(),
  adjusted_workday: z.number().int(),
  weekend: z.number().int(),
});
const yearSummary = z.object({
  year: z.number().int(),
  days: z.number().int(),
  counts,
  sources: z.array(z.string()),
  provisional: z.boolean(),
});
const dayDto = z.object({
  date: z.string(),
  kind: dayKind,
  name: z.string().nullable(),
  source: z.string(),
  provisional: z.boolean(),
  version: z.number().int(),
});
const importRow = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'adjusted_workday']),
  name: z.string().nullable(),
});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * The working-day calendar for the system administrator (`settings.manage`): loaded years, the
 * days of one year, importing a year's official schedule, correcting one day. Changes are
 * audited and reload the calendar in every server process (see `calendar.admin.ts`).
 */
export function calendarRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const guard = requirePermission('settings.manage');
  return async (app) => {
    app.get(
      '/calendar/years',
      {
        onRequest: guard,
        schema: {
          operationId: 'calendar.years',
          tags: ['calendar'],
          summary: 'Loaded years of the working-day calendar: counts by kind, sources, provisional',
          response: { 200: z.object({ items: z.array(yearSummary) }) },
        },
      },
      async () => ({ items: await calendarYears(deps.database.db) }),
    );

    app.get(
      '/calendar/days',
      {
        onRequest: guard,
        schema: {
          operationId: 'calendar.days',
          tags: ['calendar'],
          summary: 'Every loaded day of one year (empty when the year is not loaded)',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.object({ year: z.number().int(), items: z.array(dayDto) }) },
        },
      },
      async (req) => ({
        year: req.query.year,
        items: await calendarDaysOf(deps.database.db, req.query.year),
      }),
    );

    app.post(
      '/calendar/import',
      {
        onRequest: guard,
        schema: {
          operationId: 'calendar.import',
          tags: ['calendar'],
          summary:
            "Load a year's official schedule (CSV date,kind,name or JSON rows of holidays and make-up workdays); other days follow from the weekday",
          body: z.object({
            content: z.string().min(1).max(200_000),
            format: z.enum(['csv', 'json']).default('csv'),
            /** Recorded as the source `import:<filename>`. */
            filename: z.string().trim().min(1).max(120).default('console'),
          }),
          response: {
            200: z.object({
              year: z.number().int(),
              source: z.string(),
              changed: z.number().int(),
              unchanged: z.number().int(),
              counts,
              holidays: z.array(importRow),
            }),
          },
        },
      },
      async (req) => {
        const parsed = parseCalendarImport(req.body.content, req.body.format);
        return importCalendarYear(deps, actorOf(req), metaOf(req), parsed, req.body.filename);
      },
    );

    app.put(
      '/calendar/days/:date',
      {
        onRequest: guard,
        schema: {
          operationId: 'calendar.setDay',
          tags: ['calendar'],
          summary: 'Correct one loaded day (source admin); the kind must fit the weekday',
          params: z.object({ date: isoDate }),
          body: z.object({
            kind: dayKind,
            name: z.string().max(40).nullable().optional(),
            version: z.number().int().positive().optional(),
          }),
          response: { 200: dayDto },
        },
      },
      async (req) => setCalendarDay(deps, actorOf(req), metaOf(req), req.params.date, req.body),
    );
  };
}

/** The calendar's console API, listed in `modules/index.ts` like a module. */
export const calendarModule: ModuleDefinition = { name: 'calendar', routes: calendarRoutes };
