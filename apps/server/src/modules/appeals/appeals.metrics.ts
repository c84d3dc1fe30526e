/**
 * Appeal metrics 考核指标: the versioned definitions (docs/metrics.md) and the pure period
 * arithmetic. The SQL that counts lives in `appeals.metrics.repository.ts`; every count there is
 * derived from the timeline (`appeal_event`), the dispatch records (`appeal_assignment`, written by
 * the dispatch/sign/return events in the same transaction) and the case row — never typed in.
 *
 * Cohort rule (统计口径): a period counts the cases *registered* (created_at, Asia/Shanghai) in it.
 * Later events of those cases (a late resolution, a visit) change the period's live figures, which
 * is why published months are frozen into `appeal_metric_snapshot`.
 *
 * Bump a definition's `version` whenever its numerator, denominator or 参评 rule changes; frozen
 * snapshots keep the versions they were computed with.
 */

import { GRANULARITIES, type Granularity, METRIC_KEYS, type MetricKey } from '@nuanxin/shared';

export { GRANULARITIES, type Granularity, METRIC_KEYS, type MetricKey };

/** Which facts a metric counts: one per case, or one per lead-unit dispatch 派单. */
export type MetricFamily = 'case' | 'dispatch';

export interface MetricDefinition {
  key: MetricKey;
  version: number;
  family: MetricFamily;
  nameZh: string;
  nameEn: string;
  numerator: string;
  denominator: string;
  /** Who is in (参评) and who is out (不参评), and other fine print. */
  description: string;
  /** A higher value is better (the console colours accordingly). */
  higherIsBetter: boolean;
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    key: 'timely_sign',
    version: 1,
    family: 'dispatch',
    nameZh: '及时签收率',
    nameEn: 'Timely sign-off rate',
    numerator: '主办单位在签收时限（派单后 2 个工作小时）内签收的派单数',
    denominator: '参评派单数：已签收的派单，加上超过签收时限仍未签收的派单',
    description:
      '以统计期内登记的诉求的主办派单（派单、改派、维持原派各算一次）为单位。参评：已签收，或仍待签收且已过签收时限。不参评：被退回的派单（计入退单率）、签收前终止的派单、尚未到签收时限的派单、协办单位。按单位分组时归属接单的单位。',
    higherIsBetter: true,
  },
  {
    key: 'on_time_resolve',
    version: 1,
    family: 'case',
    nameZh: '按时办结率',
    nameEn: 'On-time resolution rate',
    numerator: '在办结时限（含批准的延期）内办结的诉求数',
    denominator: '参评诉求数：当前处于已办结、已回访或已销号的诉求',
    description:
      '以诉求最近一次办结为准，与该轮办理的时限比较（首次派单起算，批准延期后顺延；重办时重新起算）。参评：当前状态为已办结/已回访/已销号。不参评：尚未办结、重办中、不予受理、终止、重复件。',
    higherIsBetter: true,
  },
  {
    key: 'response',
    version: 1,
    family: 'case',
    nameZh: '响应率',
    nameEn: 'Response rate',
    numerator:
      '在派单时限（一般 24 小时、紧急 2 小时、特急 1 小时）内作出首次处置（受理、派单、不予受理或并为重复件）的诉求数',
    denominator: '参评诉求数：已作出首次处置的诉求，加上超过派单时限仍待受理的诉求',
    description:
      '首次处置时间取时间线中最早的受理/派单/不予受理/重复事件。参评：统计期内登记的全部诉求，尚未处置且未到派单时限的除外。',
    higherIsBetter: true,
  },
  {
    key: 'resolution',
    version: 1,
    family: 'case',
    nameZh: '解决率',
    nameEn: 'Resolution rate',
    numerator: '最近一次回访结果不是“不满意”的诉求数（满意、基本满意、无应答）',
    denominator: '参评诉求数：至少回访过一次（含无应答按规则回访）的诉求',
    description:
      '以每件诉求最近一次回访为准；无应答按规则视为已解决。不满意后重办、尚未再次回访的诉求按未解决计。未回访的诉求不参评。',
    higherIsBetter: true,
  },
  {
    key: 'satisfaction',
    version: 1,
    family: 'case',
    nameZh: '满意率',
    nameEn: 'Satisfaction rate',
    numerator: '最近一次有效回访为满意或基本满意的诉求数',
    denominator: '参评诉求数：至少有一次有效回访（诉求人作答，含电话回访）的诉求',
    description: '以每件诉求最近一次有效回访为准。无应答（规则回访）不参评；未回访的诉求不参评。',
    higherIsBetter: true,
  },
  {
    key: 'reopen',
    version: 1,
    family: 'case',
    nameZh: '重办率',
    nameEn: 'Reopen rate',
    numerator: '因回访不满意被退回重办过至少一次的诉求数',
    denominator: '参评诉求数：至少办结过一次的诉求',
    description: '按诉求计，不按重办次数计。从未办结的诉求不参评。数值越低越好。',
    higherIsBetter: false,
  },
  {
    key: 'return',
    version: 1,
    family: 'dispatch',
    nameZh: '退单率',
    nameEn: 'Return rate',
    numerator: '被主办单位退回的派单数',
    denominator: '主办派单总数（派单、改派、维持原派）',
    description:
      '以统计期内登记的诉求的全部主办派单为单位，协办不参评。按单位分组时归属接单（退单）的单位。数值越低越好。',
    higherIsBetter: false,
  },
  {
    key: 'handled',
    version: 1,
    family: 'case',
    nameZh: '处理率',
    nameEn: 'Handled rate',
    numerator: '当前处于已办结、已回访或已销号的诉求数',
    denominator: '参评诉求数：已受理办理的诉求（不含待受理、不予受理、重复件；终止办理的计入分母）',
    description: '对应“已办结”占比（示范区报告：120 件中 96% 以上已办结）。重办中的诉求不计入分子。',
    higherIsBetter: true,
  },
];

export const METRIC_BY_KEY: Readonly<Record<MetricKey, MetricDefinition>> = Object.fromEntries(
  METRIC_DEFINITIONS.map((d) => [d.key, d]),
) as Record<MetricKey, MetricDefinition>;

/** Version of the whole set, stored with snapshots and summaries: changes whenever one definition does. */
export const METRICS_VERSION = `v${METRIC_DEFINITIONS.map((d) => d.version).join('.')}`;

// ---------------------------------------------------------------------------------------------
// Periods (Asia/Shanghai is UTC+8 all year: no daylight saving since 1991).

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The longest range a metrics query may span. */
export const MAX_RANGE_DAYS = 731;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a local (Asia/Shanghai) date starts. */
export function localDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The local date of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Inclusive local dates → half-open UTC range [start, end). */
export function rangeOf(from: string, to: string): { start: Date; end: Date } {
  return { start: localDayStart(from), end: localDayStart(addDays(to, 1)) };
}

/** Days in an inclusive range. */
export function rangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The default series granularity for a range. */
export function defaultGranularity(from: string, to: string): Granularity {
  const days = rangeDays(from, to);
  if (days <= 31) return 'day';
  if (days <= 184) return 'week';
  return 'month';
}

/** The Monday that starts the ISO week of a local date. */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** The bucket (its first local date) a local date falls in; the same rule as the SQL. */
export function bucketOf(date: string, g: Granularity): string {
  if (g === 'day') return date;
  if (g === 'week') return weekStart(date);
  return `${date.slice(0, 7)}-01`;
}

/** Every bucket of a range, in order (so empty periods still show as zero). */
export function bucketsBetween(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  let b = bucketOf(from, g);
  while (b <= to) {
    out.push(b);
    if (g === 'day') b = addDays(b, 1);
    else if (g === 'week') b = addDays(b, 7);
    else {
      const y = Number(b.slice(0, 4));
      const m = Number(b.slice(5, 7));
      b = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

/** First and last local date of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = bucketsBetween(from, addDays(from, 40), 'month')[1]!;
  return { from, to: addDays(next, -1) };
}

/** The month `YYYY-MM` when [from, to] is exactly one calendar month, else null. */
export function exactMonth(from: string, to: string): string | null {
  if (!from.endsWith('-01')) return null;
  const m = from.slice(0, 7);
  return monthRange(m).to === to ? m : null;
}

/** Share as a fraction rounded to 4 decimals, or null when nothing is assessed. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}
