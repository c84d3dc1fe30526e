import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export type DayKind = 'workday' | 'holiday' | 'adjusted_workday' | 'weekend';
export type DayCounts = Record<DayKind, number>;

export interface CalendarYear {
  year: number;
  days: number;
  counts: DayCounts;
  sources: string[];
  provisional: boolean;
}
export interface CalendarDay {
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
  changed: number;
  unchanged: number;
  counts: DayCounts;
  holidays: { date: string; kind: 'holiday' | 'adjusted_workday'; name: string | null }[];
}

const KEY = ['calendar'] as const;

export function useCalendarYears() {
  return useQuery({
    queryKey: [...KEY, 'years'],
    queryFn: () => api<{ items: CalendarYear[] }>('/api/v1/calendar/years'),
  });
}

export function useCalendarDays(year: number | null) {
  return useQuery({
    queryKey: [...KEY, 'days', year],
    queryFn: () => api<{ year: number; items: CalendarDay[] }>('/api/v1/calendar/days', { query: { year } }),
    enabled: year !== null,
    placeholderData: keepPreviousData,
  });
}

export function useImportCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; format: 'csv' | 'json'; filename: string }) =>
      api<ImportResult>('/api/v1/calendar/import', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSetCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...body }: { date: string; kind: DayKind; name: string | null; version: number }) =>
      api<CalendarDay>(`/api/v1/calendar/days/${date}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}
