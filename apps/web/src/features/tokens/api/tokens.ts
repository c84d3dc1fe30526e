import type { TokenDto } from '@nuanxin/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: KEY, queryFn: () => api<{ items: TokenDto[] }>('/api/v1/tokens') });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; userId?: string }) =>
      api<{ token: string; item: TokenDto }>('/api/v1/tokens', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TokenDto>(`/api/v1/tokens/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
