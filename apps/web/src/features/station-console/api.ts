import type {
  CreateStationInput,
  CreateStationServiceTypeInput,
  OrgItemDto,
  SetStationLiveInput,
  StationDetailDto,
  StationHoursInput,
  StationKeeperCandidatesDto,
  StationPosterDto,
  StationServiceTypeDto,
  StationSummaryDto,
  StationsListDto,
  StationVisitsSummaryDto,
  UpdateStationInput,
  UpdateStationServiceTypeInput,
} from '@nuanxin/shared';
import type { StationKind, StationStatus } from '@nuanxin/shared/stations.labels';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { ApiError } from '../../lib/api-error';

/** The console's calls of the stations API (docs/contract-stations.md). */

const BASE = '/api/v1/stations';
export const STATIONS_KEY = ['stations'] as const;

export interface StationFilters {
  q?: string | undefined;
  kind?: StationKind | undefined;
  regionCode?: string | undefined;
  status?: StationStatus | undefined;
  /** Only the stations the actor keeps (a keeper's own stations). */
  kept?: boolean | undefined;
  page: number;
  pageSize: number;
}

export function useStations(f: StationFilters, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...STATIONS_KEY, 'list', f],
    queryFn: ({ signal }) => api<StationsListDto>(BASE, { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    ...(opts.refetchInterval ? { refetchInterval: opts.refetchInterval } : {}),
  });
}

export function useStation(id: string | null | undefined) {
  return useQuery({
    queryKey: [...STATIONS_KEY, 'detail', id],
    queryFn: ({ signal }) => api<StationDetailDto>(`${BASE}/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useServiceTypes() {
  return useQuery({
    queryKey: ['station-service-types'],
    queryFn: ({ signal }) =>
      api<{ items: StationServiceTypeDto[] }>('/api/v1/station-service-types', { signal }),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

export function useKeeperCandidates(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...STATIONS_KEY, 'keeper-candidates', q],
    queryFn: ({ signal }) =>
      api<StationKeeperCandidatesDto>(`${BASE}/keeper-candidates`, {
        query: { q: q.trim() || undefined },
        signal,
      }),
    select: (d) => d.items,
    enabled,
    staleTime: 60_000,
  });
}

/** Organisations that may run a station, within a region (the operator picker). */
export function useOperatorOrgs(q: string, regionCode: string | undefined) {
  return useQuery({
    queryKey: ['orgs', 'station-operators', q, regionCode],
    queryFn: ({ signal }) =>
      api<OrgItemDto[]>('/api/v1/orgs', {
        query: { q: q.trim() || undefined, regionCode: regionCode?.slice(0, 6) },
        signal,
      }),
    staleTime: 60_000,
  });
}

export function usePoster(id: string) {
  return useQuery({
    queryKey: [...STATIONS_KEY, 'poster', id],
    queryFn: ({ signal }) => api<StationPosterDto>(`${BASE}/${id}/poster`, { signal }),
  });
}

export function useVisits(id: string, granularity: 'day' | 'month', enabled = true) {
  return useQuery({
    queryKey: [...STATIONS_KEY, 'visits', id, granularity],
    queryFn: ({ signal }) =>
      api<StationVisitsSummaryDto>(`${BASE}/${id}/visits/summary`, { query: { granularity }, signal }),
    enabled,
  });
}

/** What the form sends for a service: its code, and own hours and note when given. */
export interface ServiceChoice {
  code: string;
  hours?: StationHoursInput;
  note?: string;
}

function useInvalidate() {
  const qc = useQueryClient();
  return (detail?: StationDetailDto) => {
    if (detail) qc.setQueryData([...STATIONS_KEY, 'detail', detail.id], detail);
    void qc.invalidateQueries({ queryKey: STATIONS_KEY });
  };
}

export function useCreateStation() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateStationInput) => api<StationDetailDto>(BASE, { method: 'POST', body }),
    onSuccess: (d) => done(d),
  });
}

/**
 * An edit: the record (PATCH with the version read, 409 `station.conflict` when someone else
 * saved first), then the services and the keepers when they changed (each a PUT of the full list).
 * `servicesFirst` (a station becoming a 铜心驿站 needs its five basic services before the kind
 * changes): the services go first and the PATCH carries the version they produced; any other
 * version means someone else saved in between, which is the same conflict.
 */
export function useSaveStation() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: async (v: {
      id: string;
      patch: UpdateStationInput;
      services?: ServiceChoice[] | undefined;
      keeperIds?: string[] | undefined;
      servicesFirst?: boolean;
    }) => {
      const putServices = (services: ServiceChoice[]) =>
        api<StationDetailDto>(`${BASE}/${v.id}/services`, { method: 'PUT', body: { services } });
      let d: StationDetailDto;
      if (v.servicesFirst && v.services) {
        const after = await putServices(v.services);
        if (after.version !== v.patch.version + 1)
          throw new ApiError({ code: 'station.conflict', status: 409, message: 'changed by someone else' });
        d = await api<StationDetailDto>(`${BASE}/${v.id}`, {
          method: 'PATCH',
          body: { ...v.patch, version: after.version },
        });
      } else {
        d = await api<StationDetailDto>(`${BASE}/${v.id}`, { method: 'PATCH', body: v.patch });
        if (v.services) d = await putServices(v.services);
      }
      if (v.keeperIds)
        d = await api<StationDetailDto>(`${BASE}/${v.id}/keepers`, {
          method: 'PUT',
          body: { userIds: v.keeperIds },
        });
      return d;
    },
    onSuccess: (d) => done(d),
  });
}

export function useSetLive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: SetStationLiveInput }) =>
      api<StationDetailDto>(`${BASE}/${v.id}/live`, { method: 'POST', body: v.body }),
    onSuccess: (d) => {
      qc.setQueryData([...STATIONS_KEY, 'detail', d.id], d);
      // The board's list shows the new figures at once, before the refetch answers.
      qc.setQueriesData<StationsListDto>({ queryKey: [...STATIONS_KEY, 'list'] }, (old) =>
        old
          ? {
              ...old,
              items: old.items.map(
                (s): StationSummaryDto =>
                  s.id === d.id
                    ? {
                        ...s,
                        liveStatus: d.liveStatus,
                        liveStatusAt: d.liveStatusAt,
                        openNow: d.openNow,
                        capacity: d.capacity,
                      }
                    : s,
              ),
            }
          : old,
      );
      void qc.invalidateQueries({ queryKey: STATIONS_KEY });
    },
  });
}

export function useRotateQr() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<StationPosterDto>(`${BASE}/${id}/rotate-qr`, { method: 'POST' }),
    onSuccess: (p) => qc.setQueryData([...STATIONS_KEY, 'poster', p.station.id], p),
  });
}

export function useCreateServiceType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStationServiceTypeInput) =>
      api<StationServiceTypeDto>('/api/v1/station-service-types', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['station-service-types'] }),
  });
}

export function useUpdateServiceType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; body: UpdateStationServiceTypeInput }) =>
      api<StationServiceTypeDto>(`/api/v1/station-service-types/${v.code}`, {
        method: 'PATCH',
        body: v.body,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['station-service-types'] }),
  });
}

/** Replaces the station's photos (ids in display order); the page shows the answer at once. */
export function useSetStationPhotos(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (photoIds: string[]) =>
      api<StationDetailDto>(`${BASE}/${id}/photos`, { method: 'PUT', body: { photoIds } }),
    onSuccess: (d) => qc.setQueryData([...STATIONS_KEY, 'detail', d.id], d),
  });
}
