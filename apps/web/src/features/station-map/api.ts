import type {
  MyStationVisitsDto,
  StationCheckinDto,
  StationCheckinInput,
  StationDetailDto,
  StationServiceTypeDto,
  StationsNearbyDto,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { preloadMap } from '../../components/map';
import { api } from '../../lib/api-client';
import { queryClient } from '../../lib/react-query';
import { meQueryOptions } from '../auth/api/get-me';
import { startStationLayer } from './layer-client';
import { type LatLng, nearbyQuery, type StationFilters } from './model';

/** Radius of the list around the worker (the server's maximum): the nearest ones always show. */
export const NEARBY_RADIUS = 20_000;
export const NEARBY_LIMIT = 50;

/** The service catalogue (public): names of the filter chips. */
export function useServiceTypes() {
  return useQuery({
    queryKey: ['stations', 'service-types'],
    queryFn: () => api<{ items: StationServiceTypeDto[] }>('/api/v1/station-service-types'),
    staleTime: 10 * 60_000,
  });
}

/**
 * Starts what the map view needs at once, from the route loader: the signed-in user (the layout
 * asks for it too), the stations layer's worker with the feed (downloaded and parsed off the main
 * thread, layer-client.ts), the map's code and basemap settings — in parallel, not one after the
 * other.
 */
export function prefetchStationsMap(signedIn: boolean): void {
  if (signedIn) void queryClient.prefetchQuery(meQueryOptions());
  startStationLayer();
  preloadMap();
}

/** Stations nearest to `center` that pass the filters, nearest first (the list view). */
export function useNearbyStations(
  center: LatLng | null,
  filters: Pick<StationFilters, 'services' | 'openNow'>,
  enabled = true,
) {
  const q = center ? nearbyQuery(center, filters, { radius: NEARBY_RADIUS, limit: NEARBY_LIMIT }) : null;
  const qs = q?.toString() ?? '';
  return useQuery({
    queryKey: ['stations', 'nearby', qs],
    queryFn: ({ signal }) => api<StationsNearbyDto>(`/api/v1/stations/nearby?${qs}`, { signal }),
    enabled: enabled && q !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useStation(id: string | null) {
  return useQuery({
    queryKey: ['stations', 'detail', id],
    queryFn: () => api<StationDetailDto>(`/api/v1/stations/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useCheckin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StationCheckinInput) =>
      api<StationCheckinDto>('/api/v1/stations/checkins', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['stations', 'my-visits'] }),
  });
}

export function useMyVisits() {
  return useQuery({
    queryKey: ['stations', 'my-visits'],
    queryFn: () => api<MyStationVisitsDto>('/api/v1/me/station-visits', { query: { limit: 50 } }),
  });
}

/** A wish box as the wishes module lists it to workers (`GET /wish-boxes`). */
interface WishBoxLite {
  id: string;
  name: string;
  hostOrgId: string | null;
  active: boolean;
}

/**
 * The wish box 心愿箱 of a station. The wishes module has no station reference yet (a box names
 * its host organisation): a station links the one active box its operating organisation hosts;
 * with none, or several to choose from, it links none. Signed-in workers only (the list needs
 * `wishes.read`).
 */
export function useStationWishBox(operatorOrgId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['wishes', 'boxes', 'for-stations'],
    queryFn: () => api<WishBoxLite[]>('/api/v1/wish-boxes'),
    enabled: enabled && Boolean(operatorOrgId),
    staleTime: 10 * 60_000,
    retry: false,
    select: (boxes) => {
      const hosted = boxes.filter((b) => b.active && b.hostOrgId === operatorOrgId);
      return hosted.length === 1 ? hosted[0]! : null;
    },
  });
}
