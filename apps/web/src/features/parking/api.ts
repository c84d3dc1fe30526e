import type {
  CompoundAccessDto,
  CompoundAccessNearbyReply,
  CompoundAccessQueueReply,
  CompoundAccessStatus,
  CompoundEntry,
  ManagedParkingZonesReply,
  MyCompoundAccessReply,
  ParkingZoneDto,
  ParkingZoneRegionsReply,
  ParkingZoneStatus,
  ParkingZonesReply,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Wire calls of parking zones 专属停放区 and compound-access notes 小区进门 (docs/contract-stations.md). */

export const PARKING_KEY = ['parking'] as const;
const COMPOUND_KEY = ['compound-access'] as const;

export interface Point {
  lat: number;
  lng: number;
}

/** Zones planned or in place within `radius` metres of a WGS-84 point, nearest first. */
export function useNearbyZones(point: Point | null, radius = 3000) {
  return useQuery({
    queryKey: [...PARKING_KEY, 'nearby', point?.lat, point?.lng, radius],
    queryFn: () =>
      api<ParkingZonesReply>('/api/v1/parking-zones', {
        query: { lat: point!.lat, lng: point!.lng, radius, crs: 'wgs84', limit: 50 },
      }),
    enabled: point !== null,
    placeholderData: keepPreviousData,
  });
}

/** Confirmed notes (and the worker's own pending ones) within `radius` metres, nearest first. */
export function useNearbyNotes(point: Point | null, radius = 3000) {
  return useQuery({
    queryKey: [...COMPOUND_KEY, 'nearby', point?.lat, point?.lng, radius],
    queryFn: () =>
      api<CompoundAccessNearbyReply>('/api/v1/compound-access', {
        query: { lat: point!.lat, lng: point!.lng, radius, crs: 'wgs84', limit: 50 },
      }),
    enabled: point !== null,
    placeholderData: keepPreviousData,
  });
}

export function useMyNotes() {
  return useQuery({
    queryKey: [...COMPOUND_KEY, 'mine'],
    queryFn: () => api<MyCompoundAccessReply>('/api/v1/me/compound-access'),
  });
}

export interface ReportNoteBody {
  compoundName: string;
  regionCode: string;
  location: { lat: number; lng: number; crs: 'wgs84' };
  entry: CompoundEntry;
  note?: string | null;
}

export function useReportNote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: ReportNoteBody; key: string }) =>
      api<CompoundAccessDto>('/api/v1/compound-access', {
        method: 'POST',
        body: v.body,
        headers: { 'idempotency-key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: COMPOUND_KEY }),
  });
}

// ---- console ----------------------------------------------------------------------------------

export interface ManagedZonesQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  status?: ParkingZoneStatus | undefined;
}

export function useManagedZones(q: ManagedZonesQuery) {
  return useQuery({
    queryKey: [...PARKING_KEY, 'managed', q],
    queryFn: () => api<ManagedParkingZonesReply>('/api/v1/parking-zones/managed', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

export function useZoneRegions() {
  return useQuery({
    queryKey: [...PARKING_KEY, 'regions'],
    queryFn: () => api<ParkingZoneRegionsReply>('/api/v1/parking-zones/regions'),
    staleTime: 600_000,
  });
}

export interface ZoneBody {
  name: string;
  regionCode: string;
  location: { lat: number; lng: number; crs: 'wgs84' | 'gcj02' };
  address: string | null;
  near: string | null;
  capacity: number;
  status: ParkingZoneStatus;
  appealCaseNo: string | null;
}

export function useSaveZone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: Partial<ZoneBody> }) =>
      v.id
        ? api<ParkingZoneDto>(`/api/v1/parking-zones/${v.id}`, {
            method: 'PATCH',
            body: { ...v.body, version: v.version },
          })
        : api<ParkingZoneDto>('/api/v1/parking-zones', { method: 'POST', body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: PARKING_KEY }),
  });
}

export interface QueueQuery {
  page: number;
  pageSize: number;
  status?: CompoundAccessStatus | undefined;
  q?: string | undefined;
}

export function useNoteQueue(q: QueueQuery) {
  return useQuery({
    queryKey: [...COMPOUND_KEY, 'queue', q],
    queryFn: () => api<CompoundAccessQueueReply>('/api/v1/compound-access/queue', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewNote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'confirm' | 'reject'; reason?: string | undefined }) =>
      api<CompoundAccessDto>(`/api/v1/compound-access/${v.id}/review`, {
        method: 'POST',
        body: { decision: v.decision, ...(v.reason ? { reason: v.reason } : {}) },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: COMPOUND_KEY }),
  });
}
