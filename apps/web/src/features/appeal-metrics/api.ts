import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export type MetricKey =
  | 'timely_sign'
  | 'on_time_resolve'
  | 'response'
  | 'resolution'
  | 'satisfaction'
  | 'reopen'
  | 'return'
  | 'handled';
export type Granularity = 'day' | 'week' | 'month';

export interface MetricDefinition {
  key: MetricKey;
  version: number;
  family: 'case' | 'dispatch';
  nameZh: string;
  nameEn: string;
  numerator: string;
  denominator: string;
  description: string;
  higherIsBetter: boolean;
}
export interface MetricValue {
  key: MetricKey;
  numerator: number;
  denominator: number;
  value: number | null;
  version: number;
}
export interface BreakdownRow {
  key: string;
  name: string;
  metrics: MetricValue[];
}
export interface MetricsResult {
  from: string;
  to: string;
  regionCode: string | null;
  unitId: string | null;
  granularity: Granularity;
  metricsVersion: string;
  generatedAt: string;
  frozen: { month: string; frozenAt: string; frozenByName: string | null } | null;
  definitions: MetricDefinition[];
  totals: MetricValue[];
  series: BreakdownRow[];
  breakdowns: Record<'unit' | 'category' | 'region' | 'channel', BreakdownRow[]>;
}
export interface MetricsQuery {
  from: string;
  to: string;
  regionCode?: string | undefined;
  unitId?: string | undefined;
  categoryId?: string | undefined;
  channel?: string | undefined;
  granularity?: Granularity | undefined;
}
export interface DrillQuery extends MetricsQuery {
  metric: MetricKey;
  side: 'numerator' | 'denominator';
  bucket?: string | undefined;
  page: number;
  pageSize: number;
}
export interface DrillCase {
  id: string;
  caseNo: string;
  title: string;
  state: string;
  stateLabel: string;
  channel: string;
  regionName: string | null;
  categoryName: string | null;
  leadUnitName: string | null;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface SummaryItem {
  id: string;
  scopeKind: 'district' | 'committee';
  regionCode: string;
  orgId: string | null;
  scopeName: string;
  weekStart: string;
  metricsVersion: string;
  generatedAt: string;
}
export interface SummaryDetail extends SummaryItem {
  payload: {
    scopeName: string;
    weekStart: string;
    weekEnd: string;
    newCases: number;
    resolved: number;
    reopened: number;
    overdue: number;
    topCategories: { categoryId: string; name: string; count: number }[];
    units: {
      rank: number;
      unitId: string;
      name: string;
      resolved: number;
      onTime: number;
      onTimeRate: number | null;
      overdueOpen: number;
      returns: number;
    }[];
    metrics: MetricValue[];
  };
}

const clean = (q: object) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string | number
  >;

export function useMetrics(q: MetricsQuery) {
  return useQuery({
    queryKey: ['appeal-metrics', q],
    queryFn: () => api<MetricsResult>('/api/v1/appeals/metrics', { query: clean(q) }),
    placeholderData: keepPreviousData,
  });
}

export function useMetricCases(q: DrillQuery | null) {
  return useQuery({
    queryKey: ['appeal-metrics', 'cases', q],
    queryFn: () => api<Page<DrillCase>>('/api/v1/appeals/metrics/cases', { query: clean(q ?? {}) }),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFreezeMonth() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { month: string; regionCode: string }) =>
      api<{ month: string }>('/api/v1/appeals/metrics/freeze', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['appeal-metrics'] }),
  });
}

export function useSummaries(page: number) {
  return useQuery({
    queryKey: ['appeal-summaries', page],
    queryFn: () => api<Page<SummaryItem>>('/api/v1/appeals/summaries', { query: { page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
}

export function useSummary(id: string | undefined) {
  return useQuery({
    queryKey: ['appeal-summaries', 'one', id],
    queryFn: () => api<SummaryDetail>(`/api/v1/appeals/summaries/${id}`),
    enabled: Boolean(id),
  });
}

export const summaryXlsxUrl = (id: string) => `/api/v1/appeals/summaries/${id}.xlsx`;
