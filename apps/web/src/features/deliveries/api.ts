import type { MyDeliveriesReply, MyDeliveryDto, OffersReply, VolunteerDto } from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Wire calls of the rider's meal delivery screens (docs/deliveries.md). */

export const RIDER_DELIVERIES_KEY = ['rider-deliveries'] as const;

export function useVolunteer() {
  return useQuery({
    queryKey: [...RIDER_DELIVERIES_KEY, 'volunteer'],
    queryFn: () => api<VolunteerDto>('/api/v1/me/delivery-volunteer'),
  });
}

export function useSetVolunteer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (optedIn: boolean) =>
      api<VolunteerDto>('/api/v1/me/delivery-volunteer', { method: 'PUT', body: { optedIn } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: RIDER_DELIVERIES_KEY }),
  });
}

export function useOffers(point: { lat: number; lng: number } | null) {
  return useQuery({
    queryKey: [...RIDER_DELIVERIES_KEY, 'offers', point?.lat, point?.lng],
    queryFn: () =>
      api<OffersReply>('/api/v1/deliveries/offers', {
        query: point ? { lat: point.lat, lng: point.lng, crs: 'wgs84' } : {},
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useMyDeliveries() {
  return useQuery({
    queryKey: [...RIDER_DELIVERIES_KEY, 'mine'],
    queryFn: () => api<MyDeliveriesReply>('/api/v1/me/deliveries'),
  });
}

export type RiderAction = 'claim' | 'pickup' | 'release';

export function useRiderAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: RiderAction }) =>
      api<MyDeliveryDto>(`/api/v1/deliveries/${v.id}/${v.action}`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: RIDER_DELIVERIES_KEY }),
  });
}

export function useDeliver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; code: string }) =>
      api<MyDeliveryDto>(`/api/v1/deliveries/${v.id}/deliver`, { method: 'POST', body: { code: v.code } }),
    onSettled: () => qc.invalidateQueries({ queryKey: RIDER_DELIVERIES_KEY }),
  });
}
