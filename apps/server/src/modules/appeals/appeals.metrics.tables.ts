import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { appeal } from './appeals.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const APPEAL_SUMMARY_SCOPES = ['district', 'committee'] as const;
export type AppealSummaryScope = (typeof APPEAL_SUMMARY_SCOPES)[number];

/**
 * Weekly summary 周报, generated every Monday for the week before, per district and per industry
 * committee. One row per (scope, week): a repeated run finds it and does nothing.
 */
export const appealWeeklySummary = pgTable(
  'appeal_weekly_summary',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    scopeKind: text('scope_kind', { enum: APPEAL_SUMMARY_SCOPES }).notNull(),
    /** The district, or the committee's district (whose cases it supervises). */
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    /** The industry committee, for scope_kind = committee. */
    orgId: uuid('org_id').references(() => organisation.id),
    scopeName: text('scope_name').notNull(),
    /** Monday of the week (Asia/Shanghai). */
    weekStart: date('week_start').notNull(),
    metricsVersion: text('metrics_version').notNull(),
    payload: jsonb('payload').notNull(),
    generatedAt: ts('generated_at').notNull(),
  },
  (t) => [
    uniqueIndex('appeal_weekly_summary_scope_week_idx')
      .on(t.scopeKind, t.regionCode, t.weekStart)
      .where(sql`org_id is null`),
    uniqueIndex('appeal_weekly_summary_org_week_idx').on(t.orgId, t.weekStart).where(sql`org_id is not null`),
    index('appeal_weekly_summary_week_idx').on(t.weekStart),
  ],
);

/** A published month's figures, frozen: served instead of live numbers for that region and month. */
export const appealMetricSnapshot = pgTable(
  'appeal_metric_snapshot',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    metricsVersion: text('metrics_version').notNull(),
    payload: jsonb('payload').notNull(),
    frozenBy: uuid('frozen_by'),
    frozenByName: text('frozen_by_name'),
    frozenAt: ts('frozen_at').notNull(),
  },
  (t) => [uniqueIndex('appeal_metric_snapshot_region_month_idx').on(t.regionCode, t.month)],
);

/**
 * Per-case facts of the metrics (docs/metrics.md, "Performance notes"): one row per case, written
 * in the same transaction as every transition (`appeals.facts.ts`), so a metrics query reads no
 * timeline. The cohort keys are copied from the case (they never change); the rest mirrors the
 * case row or is derived from its timeline: first decision, 办结 count, 重办 count, latest visit
 * answer and latest answered visit.
 */
export const appealFact = pgTable(
  'appeal_fact',
  {
    appealId: uuid('appeal_id')
      .primaryKey()
      .references(() => appeal.id),
    createdAt: ts('created_at').notNull(),
    regionCode: text('region_code').notNull(),
    categoryId: uuid('category_id').notNull(),
    channel: text('channel').notNull(),
    leadUnitId: uuid('lead_unit_id'),
    state: text('state').notNull(),
    dispatchDueAt: ts('dispatch_due_at'),
    signDueAt: ts('sign_due_at'),
    dueAt: ts('due_at'),
    resolvedAt: ts('resolved_at'),
    /** First 受理, 派单, 不予受理 or 重复. */
    decidedAt: ts('decided_at'),
    resolveCount: integer('resolve_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Satisfaction of the latest visit (no_answer included) and of the latest answered one. */
    lastVisit: text('last_visit'),
    lastAnswer: text('last_answer'),
  },
  (t) => [
    index('appeal_fact_created_idx').on(t.createdAt),
    // The only rows whose figures move with the clock (docs/metrics.md): undecided cases and
    // cases waiting to be signed.
    index('appeal_fact_undecided_idx').on(t.createdAt).where(sql`decided_at is null`),
    index('appeal_fact_dispatched_idx').on(t.createdAt).where(sql`state = 'dispatched'`),
  ],
);

/**
 * Daily cube of the clock-independent counts, per district (`county`, the first six digits of the
 * region code) and local registration day, once per breakdown: `kind` region (key: region code;
 * also the totals and series), unit, category, channel. `{metric}_n` / `{metric}_d` are numerator
 * and denominator counts with the predicates evaluated as if the clock stood before every deadline;
 * the few rows the clock moves are added at query time. Rebuilt per (county, day) from
 * `appeal_fact` when marked in `appeal_metric_cube_dirty`.
 */
export const appealMetricCube = pgTable(
  'appeal_metric_cube',
  {
    county: text('county').notNull(),
    day: date('day').notNull(),
    kind: text('kind', { enum: ['region', 'unit', 'category', 'channel'] }).notNull(),
    key: text('key').notNull(),
    timelySignN: integer('timely_sign_n').notNull().default(0),
    timelySignD: integer('timely_sign_d').notNull().default(0),
    onTimeResolveN: integer('on_time_resolve_n').notNull().default(0),
    onTimeResolveD: integer('on_time_resolve_d').notNull().default(0),
    responseN: integer('response_n').notNull().default(0),
    responseD: integer('response_d').notNull().default(0),
    resolutionN: integer('resolution_n').notNull().default(0),
    resolutionD: integer('resolution_d').notNull().default(0),
    satisfactionN: integer('satisfaction_n').notNull().default(0),
    satisfactionD: integer('satisfaction_d').notNull().default(0),
    reopenN: integer('reopen_n').notNull().default(0),
    reopenD: integer('reopen_d').notNull().default(0),
    returnN: integer('return_n').notNull().default(0),
    returnD: integer('return_d').notNull().default(0),
    handledN: integer('handled_n').notNull().default(0),
    handledD: integer('handled_d').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.county, t.day, t.kind, t.key] })],
);

/**
 * (county, day) cells of the cube whose cases changed since it was built: appended by every
 * transition (no unique key, so a transition never waits on another), consumed by the rebuild.
 */
export const appealMetricCubeDirty = pgTable(
  'appeal_metric_cube_dirty',
  {
    county: text('county').notNull(),
    day: date('day').notNull(),
  },
  (t) => [index('appeal_metric_cube_dirty_idx').on(t.county, t.day)],
);
