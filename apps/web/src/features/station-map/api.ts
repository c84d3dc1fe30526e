import type {
  MyStationVisitsDto,
  StationCheckinDto,
  StationCheckinInput,
  StationDetailDto,
  StationServiceTypeDto,
  StationsGeoJsonDto,
  StationsNearbyDto,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { preloadMap } from '../../components/map';
import { api } from '../../lib/api-client';
import { queryClient } from '../../lib/react-query';
import { meQueryOptions } from '../auth/api/get-me';
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
 * Every active station for the map layer. The server answers with an ETag and
 * `Cache-Control: public, max-age=60`: the browser's HTTP cache keeps it and revalidates with
 * If-None-Match (304), so a re-open costs no download.
 */
export const stationsFeedQuery = {
  queryKey: ['stations', 'geojson'],
  queryFn: async () => {
    const feed = await api<StationsGeoJsonDto>('/api/v1/stations.geojson');
    performance.mark(STATIONS_FEED_MARK);
    return feed;
  },
  staleTime: 60_000,
  // 10,000 features: comparing a refetch deeply with the old answer costs more than it saves.
  structuralSharing: false,
} as const;

/** Performance mark: the feed has arrived and is parsed (a step of the render measurement). */
export const STATIONS_FEED_MARK = 'nx:stations-feed';

export function useStationsGeoJson(enabled = true) {
  return useQuery({ ...stationsFeedQuery, enabled });
}

/**
 * Starts what the map view needs at once, from the route loader: the signed-in user (the layout
 * asks for it too), the feed, the map's code and basemap settings — in parallel, not one after
 * the other.
 */
export function prefetchStationsMap(signedIn: boolean): void {
  if (signedIn) void queryClient.prefetchQuery(meQueryOptions());
  void queryClient.prefetchQuery(stationsFeedQuery);
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
