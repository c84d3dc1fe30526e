import type { CreateMealOrderInput, MealOrderDto, StationMealsReply } from '@nuanxin/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The worker app's calls of the meals API (docs/meals.md). */

export const MEALS_KEY = ['meals'] as const;

export function useStationMeals(stationId: string) {
  return useQuery({
    queryKey: [...MEALS_KEY, 'station', stationId],
    queryFn: ({ signal }) => api<StationMealsReply>(`/api/v1/stations/${stationId}/meals`, { signal }),
    refetchInterval: 60_000,
  });
}

export function useMyMealOrders() {
  return useQuery({
    queryKey: [...MEALS_KEY, 'mine'],
    queryFn: ({ signal }) => api<{ items: MealOrderDto[] }>('/api/v1/me/meal-orders', { signal }),
  });
}

export function useMealOrder(id: string) {
  return useQuery({
    queryKey: [...MEALS_KEY, 'order', id],
    queryFn: ({ signal }) => api<MealOrderDto>(`/api/v1/meal-orders/${id}`, { signal }),
    refetchInterval: 30_000,
  });
}

export function usePlaceMealOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { menuId: string; body: CreateMealOrderInput; key: string }) =>
      api<MealOrderDto>(`/api/v1/meal-menus/${v.menuId}/orders`, {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: MEALS_KEY }),
  });
}

export function useCancelMealOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<MealOrderDto>(`/api/v1/meal-orders/${id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: MEALS_KEY }),
  });
}

/** Fen as yuan: 1200 → "12", 1250 → "12.50". */
export function yuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}
