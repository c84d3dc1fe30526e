import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  summary: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () =>
      api<{ items: AuditEntryDto[]; total: number; page: number; pageSize: number }>('/api/v1/audit', {
        query: { ...query },
      }),
    placeholderData: keepPreviousData,
  });
}
