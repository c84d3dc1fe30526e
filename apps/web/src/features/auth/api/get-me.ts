import type { MeDto } from '@nuanxin/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { ME_KEY } from '../../../lib/react-query';

/** The signed-in user, or null when there is no session (401). */
export async function getMe(): Promise<MeDto | null> {
  try {
    return await api<MeDto>('/api/v1/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: ME_KEY, queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
