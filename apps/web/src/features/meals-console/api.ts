import type {
  CopyMealDayInput,
  MealBoardReply,
  MealDayReply,
  MealMenuDto,
  MealOrderDto,
  MealPeriod,
  MealSalesReply,
  PutMealMenuInput,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The console's calls of the meals API (docs/meals.md). */

export const MEALS_CONSOLE_KEY = ['meals-console'] as const;

export function useMealDay(stationId: string, date: string) {
  return useQuery({
    queryKey: [...MEALS_CONSOLE_KEY, 'day', stationId, date],
    queryFn: ({ signal }) =>
      api<MealDayReply>(`/api/v1/stations/${stationId}/meal-menus`, { query: { date }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMealBoard(stationId: string, date: string) {
  return useQuery({
    queryKey: [...MEALS_CONSOLE_KEY, 'board', stationId, date],
    queryFn: ({ signal }) =>
      api<MealBoardReply>(`/api/v1/stations/${stationId}/meal-orders`, { query: { date }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 20_000,
  });
}

export function useMealSales(stationId: string, from: string, to: string) {
  return useQuery({
    queryKey: [...MEALS_CONSOLE_KEY, 'sales', stationId, from, to],
    queryFn: ({ signal }) =>
      api<MealSalesReply>(`/api/v1/stations/${stationId}/meal-sales`, { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: MEALS_CONSOLE_KEY });
}

export function usePutMenu(stationId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { date: string; period: MealPeriod; body: PutMealMenuInput }) =>
      api<MealMenuDto>(`/api/v1/stations/${stationId}/meal-menus/${v.date}/${v.period}`, {
        method: 'PUT',
        body: v.body,
      }),
    onSuccess: done,
  });
}

export function useCopyDay(stationId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CopyMealDayInput) =>
      api<{ copied: MealPeriod[]; skipped: MealPeriod[] }>(`/api/v1/stations/${stationId}/meal-menus/copy`, {
        method: 'POST',
        body,
      }),
    onSuccess: done,
  });
}

export function useConfirmMealPayment() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { paymentId: string; method: 'counter_cash' | 'counter_qr' }) =>
      api(`/api/v1/payments/${v.paymentId}/confirm`, { method: 'POST', body: { method: v.method } }),
    onSuccess: done,
  });
}

export function useServeOrder() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<MealOrderDto>(`/api/v1/meal-orders/${id}/serve`, { method: 'POST' }),
    onSuccess: done,
  });
}

export function useCancelOrder() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      api<MealOrderDto>(`/api/v1/meal-orders/${id}/cancel`, { method: 'POST', body: { reason: '前台取消' } }),
    onSuccess: done,
  });
}

export const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
