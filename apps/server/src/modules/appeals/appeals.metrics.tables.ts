import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';

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
