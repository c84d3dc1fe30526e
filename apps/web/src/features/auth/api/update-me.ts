import type { MeDto } from '@nuanxin/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ME_KEY } from '../../../lib/react-query';

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api<MeDto>('/api/v1/me', { method: 'PATCH', body }),
    onSuccess: (me) => qc.setQueryData(ME_KEY, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<{ ok: true }>('/api/v1/me/password', { method: 'POST', body }),
  });
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () =>
      api<{ secret: string; otpauthUrl: string }>('/api/v1/me/totp/setup', { method: 'POST' }),
  });
}

export function useTotpEnable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<MeDto>('/api/v1/me/totp/enable', { method: 'POST', body: { code } }),
    onSuccess: (me) => qc.setQueryData(ME_KEY, me),
  });
}
