import type {
  CreateDeliveryInput,
  ResidentDeliveriesReply,
  ResidentDeliveryDto,
  ResidentMeReply,
} from '@nuanxin/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { ApiError } from '../../lib/api-error';

/**
 * Wire calls of the residents' self-service page (docs/deliveries.md "Residents"). The session is
 * its own cookie; changes carry its CSRF token from `/resident/me`, never a worker's.
 */

export const RESIDENT_KEY = ['resident'] as const;
const ME_KEY = [...RESIDENT_KEY, 'me'] as const;

/** The resident session, or null when there is none (401). */
export function useResidentMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<ResidentMeReply>('/api/v1/resident/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

function useCsrf(): () => Record<string, string> {
  const qc = useQueryClient();
  return () => {
    const me = qc.getQueryData<ResidentMeReply | null>(ME_KEY);
    const headers: Record<string, string> = {};
    if (me) headers['x-csrf-token'] = me.csrfToken;
    return headers;
  };
}

export function useResidentCode() {
  return useMutation({
    mutationFn: (phone: string) =>
      api<{ sent: true; retryAfterSeconds: number }>('/api/v1/resident/code', {
        method: 'POST',
        body: { phone },
      }),
  });
}

export function useResidentSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { phone: string; code: string }) =>
      api<ResidentMeReply>('/api/v1/resident/session', { method: 'POST', body: v }),
    onSuccess: (me) => {
      qc.setQueryData(ME_KEY, me);
      void qc.invalidateQueries({ queryKey: RESIDENT_KEY });
    },
  });
}

export function useResidentSignOut() {
  const qc = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/v1/resident/session', { method: 'DELETE', headers: csrf() }),
    onSettled: () => {
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ queryKey: [...RESIDENT_KEY, 'deliveries'] });
    },
  });
}

export function useResidentDeliveries(enabled: boolean) {
  return useQuery({
    queryKey: [...RESIDENT_KEY, 'deliveries'],
    queryFn: () => api<ResidentDeliveriesReply>('/api/v1/resident/deliveries'),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useResidentFile() {
  const qc = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (body: CreateDeliveryInput) =>
      api<ResidentDeliveryDto>('/api/v1/resident/deliveries', { method: 'POST', body, headers: csrf() }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...RESIDENT_KEY, 'deliveries'] }),
  });
}

export function useResidentAction() {
  const qc = useQueryClient();
  const csrf = useCsrf();
  return useMutation({
    mutationFn: (v: { id: string; action: 'cancel' | 'confirm' }) =>
      api<ResidentDeliveryDto>(`/api/v1/resident/deliveries/${v.id}/${v.action}`, {
        method: 'POST',
        body: {},
        headers: csrf(),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...RESIDENT_KEY, 'deliveries'] }),
  });
}
