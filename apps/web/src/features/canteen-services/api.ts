import type {
  ChildcareRegistrationDto,
  ChildcareSessionsReply,
  CreateProxyRequestInput,
  MyCanteenServicesReply,
  ProxyRequestDto,
} from '@nuanxin/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The worker app's calls of 政务代办 and 节假日托幼 (docs/canteen-services.md). */

export const CANTEEN_SERVICES_KEY = ['canteen-services'] as const;

export function useOpenSessions(stationId: string) {
  return useQuery({
    queryKey: [...CANTEEN_SERVICES_KEY, 'sessions', stationId],
    queryFn: ({ signal }) =>
      api<ChildcareSessionsReply>(`/api/v1/stations/${stationId}/childcare-sessions`, { signal }),
  });
}

export function useMyServices() {
  return useQuery({
    queryKey: [...CANTEEN_SERVICES_KEY, 'mine'],
    queryFn: ({ signal }) => api<MyCanteenServicesReply>('/api/v1/me/canteen-services', { signal }),
  });
}

export function useFileProxy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { stationId: string; body: CreateProxyRequestInput; key: string }) =>
      api<ProxyRequestDto>(`/api/v1/stations/${v.stationId}/proxy-requests`, {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CANTEEN_SERVICES_KEY }),
  });
}

export interface RegisterChildBody {
  childName: string;
  childAge: number;
  contactPhone: string;
  allergies: string | null;
}

export function useRegisterChild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { sessionId: string; body: RegisterChildBody; key: string }) =>
      api<ChildcareRegistrationDto>(`/api/v1/childcare-sessions/${v.sessionId}/registrations`, {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CANTEEN_SERVICES_KEY }),
  });
}

export function useCancelRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ChildcareRegistrationDto>(`/api/v1/childcare-registrations/${id}/cancel`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CANTEEN_SERVICES_KEY }),
  });
}
