import type {
  ChildcareRegistrationDto,
  ChildcareRegistrationsReply,
  ChildcareSessionDto,
  ChildcareSessionsReply,
  CreateChildcareSessionInput,
  CreateProxyRequestInput,
  ProxyAction,
  ProxyRequestDto,
  ProxyRequestsReply,
  ProxyStatus,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The console's calls of 政务代办 and 节假日托幼 (docs/canteen-services.md). */

export const CS_CONSOLE_KEY = ['canteen-services-console'] as const;

export function useProxyBoard(stationId: string, status: ProxyStatus | undefined) {
  return useQuery({
    queryKey: [...CS_CONSOLE_KEY, 'proxy', stationId, status ?? 'all'],
    queryFn: ({ signal }) =>
      api<ProxyRequestsReply>(`/api/v1/stations/${stationId}/proxy-requests`, {
        query: status ? { status } : {},
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useMoveProxy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: ProxyAction; reason?: string }) =>
      api<ProxyRequestDto>(`/api/v1/proxy-requests/${v.id}/transitions`, {
        method: 'POST',
        body: { action: v.action, ...(v.reason ? { reason: v.reason } : {}) },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CS_CONSOLE_KEY }),
  });
}

export function useFileForResident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { stationId: string; body: CreateProxyRequestInput; key: string }) =>
      api<ProxyRequestDto>(`/api/v1/stations/${v.stationId}/proxy-requests`, {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CS_CONSOLE_KEY }),
  });
}

export function useAllSessions(stationId: string) {
  return useQuery({
    queryKey: [...CS_CONSOLE_KEY, 'sessions', stationId],
    queryFn: ({ signal }) =>
      api<ChildcareSessionsReply>(`/api/v1/stations/${stationId}/childcare-sessions`, {
        query: { all: 'true' },
        signal,
      }),
  });
}

export function useSaveSession(stationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: CreateChildcareSessionInput }) =>
      v.id
        ? api<ChildcareSessionDto>(`/api/v1/childcare-sessions/${v.id}`, {
            method: 'PATCH',
            body: { ...v.body, version: v.version },
          })
        : api<ChildcareSessionDto>(`/api/v1/stations/${stationId}/childcare-sessions`, {
            method: 'POST',
            body: v.body,
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CS_CONSOLE_KEY }),
  });
}

export function useCancelSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ChildcareSessionDto>(`/api/v1/childcare-sessions/${id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CS_CONSOLE_KEY }),
  });
}

export function useRegistrations(sessionId: string | null) {
  return useQuery({
    queryKey: [...CS_CONSOLE_KEY, 'registrations', sessionId],
    queryFn: ({ signal }) =>
      api<ChildcareRegistrationsReply>(`/api/v1/childcare-sessions/${sessionId}/registrations`, { signal }),
    enabled: sessionId !== null,
  });
}

export function useMarkAttendance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; attended: boolean }) =>
      api<ChildcareRegistrationDto>(`/api/v1/childcare-registrations/${v.id}/attendance`, {
        method: 'POST',
        body: { attended: v.attended },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: CS_CONSOLE_KEY }),
  });
}
