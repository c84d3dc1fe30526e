import { z } from 'zod';
import { APPEAL_CHANNELS } from './appeals.labels.ts';
import { pageQuery } from './common.ts';
import { regionCodeSchema } from './orgs.ts';

/**
 * The appeal metrics API 考核指标 (docs/metrics.md): queries and answers shared by the server's
 * routes and service and the console. The definitions themselves (what each metric counts) live
 * with the server (`appeals.metrics.ts`) and are sent in every answer.
 */

export const METRIC_KEYS = [
  'timely_sign',
  'on_time_resolve',
  'response',
  'resolution',
  'satisfaction',
  'reopen',
  'return',
  'handled',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .describe('Local date YYYY-MM-DD (Asia/Shanghai)');

export const metricsQuery = z.object({
  from: localDate.describe('First day, inclusive (cases registered from this day)'),
  to: localDate.describe('Last day, inclusive; at most two years after from'),
  regionCode: regionCodeSchema.optional().describe('This region or below'),
  unitId: z
    .uuid()
    .optional()
    .describe('Case metrics: the lead unit; dispatch metrics: the unit dispatched to'),
  categoryId: z.uuid().optional().describe('This category or its children'),
  channel: z.enum(APPEAL_CHANNELS).optional(),
  granularity: z.enum(GRANULARITIES).optional().describe('Series period; default by range length'),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const metricValueSchema = z.object({
  key: z.enum(METRIC_KEYS),
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z
    .number()
    .nullable()
    .describe('numerator ÷ denominator (0–1, 4 decimals); null when nothing is assessed'),
  version: z.number().int().describe('Definition version'),
});
export type MetricValue = z.infer<typeof metricValueSchema>;

export const breakdownRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  metrics: z.array(metricValueSchema),
});
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;

export const metricDefinitionSchema = z.object({
  key: z.enum(METRIC_KEYS),
  version: z.number().int(),
  family: z.enum(['case', 'dispatch']),
  nameZh: z.string(),
  nameEn: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  description: z.string(),
  higherIsBetter: z.boolean(),
});
export type MetricDefinitionDto = z.infer<typeof metricDefinitionSchema>;

export const metricsReply = z.object({
  from: z.string(),
  to: z.string(),
  regionCode: z.string().nullable(),
  unitId: z.string().nullable(),
  granularity: z.enum(GRANULARITIES),
  metricsVersion: z.string(),
  generatedAt: z.string(),
  frozen: z
    .object({ month: z.string(), frozenAt: z.string(), frozenByName: z.string().nullable() })
    .nullable()
    .describe('Set when the figures are a frozen (published) month'),
  definitions: z.array(metricDefinitionSchema),
  totals: z.array(metricValueSchema),
  series: z.array(breakdownRowSchema),
  breakdowns: z.object({
    unit: z.array(breakdownRowSchema),
    category: z.array(breakdownRowSchema),
    region: z.array(breakdownRowSchema),
    channel: z.array(breakdownRowSchema),
  }),
});
export type MetricsReplyDto = z.infer<typeof metricsReply>;

export const metricDrillQuery = metricsQuery.extend(pageQuery.shape).extend({
  metric: z.enum(METRIC_KEYS),
  side: z.enum(['numerator', 'denominator']).default('numerator'),
  bucket: localDate.optional().describe('First day of a series period (with granularity)'),
});
export type MetricDrillQuery = z.infer<typeof metricDrillQuery>;

export const metricDrillCaseSchema = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  channel: z.string(),
  regionName: z.string().nullable(),
  categoryName: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type MetricDrillCase = z.infer<typeof metricDrillCaseSchema>;

export const metricDrillReply = z.object({
  items: z.array(metricDrillCaseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const weeklySummaryItemSchema = z.object({
  id: z.uuid(),
  scopeKind: z.enum(['district', 'committee']),
  regionCode: z.string(),
  orgId: z.string().nullable(),
  scopeName: z.string(),
  weekStart: z.string(),
  metricsVersion: z.string(),
  generatedAt: z.string(),
});
export type WeeklySummaryItem = z.infer<typeof weeklySummaryItemSchema>;

export const weeklySummaryPayloadSchema = z.object({
  scopeName: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  newCases: z.number().int(),
  resolved: z.number().int(),
  reopened: z.number().int(),
  overdue: z.number().int(),
  topCategories: z.array(z.object({ categoryId: z.string(), name: z.string(), count: z.number().int() })),
  units: z.array(
    z.object({
      rank: z.number().int(),
      unitId: z.string(),
      name: z.string(),
      resolved: z.number().int(),
      onTime: z.number().int(),
      onTimeRate: z.number().nullable(),
      overdueOpen: z.number().int(),
      returns: z.number().int(),
    }),
  ),
  metrics: z.array(metricValueSchema),
});
export type WeeklySummaryPayload = z.infer<typeof weeklySummaryPayloadSchema>;

export const freezeMonthBody = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month')
    .describe('YYYY-MM, a month that has ended'),
  regionCode: regionCodeSchema.describe('The district whose figures are published'),
});

export const freezeMonthReply = z.object({
  month: z.string(),
  regionCode: z.string(),
  frozenAt: z.string(),
  metricsVersion: z.string(),
});
