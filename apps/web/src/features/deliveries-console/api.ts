import type {
  BeneficiariesReply,
  BeneficiaryCategory,
  BeneficiaryDto,
  BeneficiaryStatus,
  DeliveriesReply,
  DeliveryDto,
  DeliveryPlacesReply,
  DeliveryRidersReply,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Wire calls of the console's home meal delivery screens (docs/deliveries.md). */

export const DELIVERIES_KEY = ['deliveries-console'] as const;

export function useBeneficiaries(q: { page: number; pageSize: number; q?: string | undefined }) {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, 'beneficiaries', q],
    queryFn: () => api<BeneficiariesReply>('/api/v1/deliveries/beneficiaries', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

export function useDeliveries(q: { attention: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, 'list', q],
    queryFn: () =>
      api<DeliveriesReply>('/api/v1/deliveries', {
        query: { page: q.page, pageSize: q.pageSize, attention: q.attention ? 'true' : undefined },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function usePlaces() {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, 'places'],
    queryFn: () => api<DeliveryPlacesReply>('/api/v1/deliveries/places'),
    staleTime: 300_000,
  });
}

export function useRiders(enabled: boolean) {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, 'riders'],
    queryFn: () => api<DeliveryRidersReply>('/api/v1/deliveries/riders'),
    enabled,
  });
}

export interface BeneficiaryBody {
  name: string;
  phone?: string | undefined;
  address: string;
  street?: string | null | undefined;
  location: { lat: number; lng: number; crs: 'wgs84' | 'gcj02' };
  communityOrgId?: string | undefined;
  category: BeneficiaryCategory;
  needs?: string | null | undefined;
  dietNotes?: string | null | undefined;
  freeMeals: boolean;
  status?: BeneficiaryStatus | undefined;
  version?: number | undefined;
}

export function useSaveBeneficiary() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string | undefined; body: BeneficiaryBody }) =>
      v.id
        ? api<BeneficiaryDto>(`/api/v1/deliveries/beneficiaries/${v.id}`, { method: 'PATCH', body: v.body })
        : api<BeneficiaryDto>('/api/v1/deliveries/beneficiaries', { method: 'POST', body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}

export function useRevealPhone() {
  return useMutation({
    mutationFn: (id: string) =>
      api<{ value: string }>(`/api/v1/deliveries/beneficiaries/${id}/reveal`, {
        method: 'POST',
        body: { field: 'phone' },
      }),
  });
}

export interface FileBody {
  beneficiaryId: string;
  stationId: string;
  date: string;
  windowStart: string;
  windowEnd: string;
  dishes: string;
  dietNotes?: string | null | undefined;
}

export function useFileDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FileBody) => api<DeliveryDto>('/api/v1/deliveries', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}

export type StaffAction = 'handle' | 'confirm' | 'assign' | 'cancel';

export function useStaffAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: StaffAction; body?: object }) =>
      api<DeliveryDto>(`/api/v1/deliveries/${v.id}/${v.action}`, { method: 'POST', body: v.body }),
    onSettled: () => qc.invalidateQueries({ queryKey: DELIVERIES_KEY }),
  });
}
