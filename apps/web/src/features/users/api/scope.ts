import type { OrgDto, RegionDto } from '@nuanxin/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function getRegions(parentCode?: string): Promise<RegionDto[]> {
  return api<RegionDto[]>('/api/v1/regions', { query: { parentCode } });
}

export function useRootRegions() {
  return useQuery({ queryKey: ['regions', 'root'], queryFn: () => getRegions(), staleTime: 600_000 });
}

export function useOrgSearch(q: string) {
  return useQuery({
    queryKey: ['orgs', 'search', q],
    queryFn: () => api<OrgDto[]>('/api/v1/orgs', { query: { q: q.trim() || undefined } }),
    staleTime: 60_000,
  });
}
