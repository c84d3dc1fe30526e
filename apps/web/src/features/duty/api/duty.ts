import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface DutyRota {
  id: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  regionName: string;
  name: string;
  canManage: boolean;
}
export interface DutyShift {
  id: string;
  rotaId: string;
  userId: string;
  userName: string;
  startsAt: string;
  endsAt: string;
  sortOrder: number;
}
export interface Interval {
  startsAt: string;
  endsAt: string;
}
export interface Coverage {
  from: string;
  to: string;
  covered: boolean;
  gaps: Interval[];
}
export interface Candidate {
  userId: string;
  name: string;
  roles: string[];
}
export interface DutyAssignment {
  id: string;
  appealId: string;
  caseNo: string;
  rotaId: string;
  rotaName: string;
  level: number;
  arrivedAt: string;
  assignedAt: string;
  ackDueAt: string;
  acknowledgedAt: string | null;
}
export interface ShiftInput {
  userId: string;
  startsAt: string;
  endsAt: string;
  sortOrder: number;
}

const KEY = ['duty'] as const;

export function useRotas() {
  return useQuery({
    queryKey: [...KEY, 'rotas'],
    queryFn: async () => (await api<{ items: DutyRota[] }>('/api/v1/duty/rotas')).items,
  });
}

export function useShifts(rotaId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [...KEY, 'shifts', rotaId, from, to],
    queryFn: async () =>
      (await api<{ items: DutyShift[] }>(`/api/v1/duty/rotas/${rotaId}/shifts`, { query: { from, to } }))
        .items,
    enabled: Boolean(rotaId),
  });
}

export function useCoverage(rotaId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [...KEY, 'coverage', rotaId, from, to],
    queryFn: () => api<Coverage>(`/api/v1/duty/rotas/${rotaId}/coverage`, { query: { from, to } }),
    enabled: Boolean(rotaId),
  });
}

export function useCandidates(rotaId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'candidates', rotaId],
    queryFn: async () => (await api<{ items: Candidate[] }>(`/api/v1/duty/rotas/${rotaId}/candidates`)).items,
    enabled: Boolean(rotaId),
  });
}

export function useMyAssignments() {
  return useQuery({
    queryKey: [...KEY, 'mine'],
    queryFn: async () => (await api<{ items: DutyAssignment[] }>('/api/v1/duty/assignments/mine')).items,
    refetchInterval: 30_000,
  });
}

export function useSaveShift(rotaId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ShiftInput }) =>
      id
        ? api<DutyShift>(`/api/v1/duty/shifts/${id}`, { method: 'PUT', body: input })
        : api<DutyShift>(`/api/v1/duty/rotas/${rotaId}/shifts`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteShift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/v1/duty/shifts/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<DutyAssignment>(`/api/v1/duty/assignments/${id}/acknowledge`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'mine'] }),
  });
}
