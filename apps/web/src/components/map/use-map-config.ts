import type { MapConfigDto } from '@nuanxin/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The query of the basemap settings, shared by the hook and `preloadMap`. */
export const mapConfigQuery = {
  queryKey: ['config', 'map'],
  queryFn: () => api<MapConfigDto>('/api/v1/config/map'),
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
  retry: 1,
} as const;

/** The basemap settings (`GET /api/v1/config/map`, public); fetched once per session. */
export function useMapConfig() {
  return useQuery(mapConfigQuery);
}
