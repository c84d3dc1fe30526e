import type {
  CreateHubBookingInput,
  HubBookingDto,
  HubBookingsDto,
  HubOfferDto,
  HubTvDto,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The worker app's and the room TV's calls of the hub API (docs/hub.md). */

export const HUB_KEY = ['hub'] as const;

export function useHubOffer(stationId: string, from: string | null, nights: number) {
  return useQuery({
    queryKey: [...HUB_KEY, 'offer', stationId, from, nights],
    queryFn: ({ signal }) =>
      api<HubOfferDto>(`/api/v1/stations/${stationId}/hub/offer`, { query: { from, nights }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useBookHub(stationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: CreateHubBookingInput; key: string }) =>
      api<HubBookingDto>(`/api/v1/stations/${stationId}/hub/bookings`, {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: HUB_KEY }),
  });
}

export function useMyHubBookings() {
  return useQuery({
    queryKey: [...HUB_KEY, 'mine'],
    queryFn: ({ signal }) => api<HubBookingsDto>('/api/v1/me/hub-bookings', { signal }),
  });
}

export function useHubBooking(id: string) {
  return useQuery({
    queryKey: [...HUB_KEY, 'booking', id],
    queryFn: ({ signal }) => api<HubBookingDto>(`/api/v1/hub/bookings/${id}`, { signal }),
    refetchInterval: 30_000,
  });
}

export function useCancelHubBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<HubBookingDto>(`/api/v1/hub/bookings/${id}/cancel`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: HUB_KEY }),
  });
}

export function useRoomTv(roomId: string, key: string) {
  return useQuery({
    queryKey: [...HUB_KEY, 'tv', roomId, key],
    queryFn: ({ signal }) => api<HubTvDto>(`/api/v1/hub/tv/${roomId}`, { query: { k: key }, signal }),
    refetchInterval: 60_000,
    retry: false,
  });
}

const PLATE_KEY = 'nx.hub.plate';

/** The plate the driver used last on this phone (the server also answers the last booked one). */
export function rememberedPlate(): string {
  try {
    return localStorage.getItem(PLATE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberPlate(plate: string): void {
  try {
    localStorage.setItem(PLATE_KEY, plate);
  } catch {
    // Private mode: nothing to remember.
  }
}

/** Today in Asia/Shanghai plus `n` days (the phone's own zone does not matter). */
export function shanghaiDate(n = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}
