import type {
  MetricDefinitionDto,
  MetricDrillCase,
  MetricDrillQuery,
  MetricsQuery,
  MetricsReplyDto,
  WeeklySummaryItem,
  WeeklySummaryPayload,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

// The answers' shapes are the server's schemas (`@nuanxin/shared` appeal-metrics): types only here.
export type {
  BreakdownRow,
  Granularity,
  MetricKey,
  MetricsQuery,
  MetricValue,
} from '@nuanxin/shared';
export type MetricDefinition = MetricDefinitionDto;
export type MetricsResult = MetricsReplyDto;
export type DrillQuery = MetricDrillQuery;
export type DrillCase = MetricDrillCase;
export type SummaryItem = WeeklySummaryItem;
export interface SummaryDetail extends SummaryItem {
  payload: WeeklySummaryPayload;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
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
