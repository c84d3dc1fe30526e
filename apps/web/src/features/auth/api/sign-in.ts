import type { MeDto } from '@nuanxin/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ME_KEY } from '../../../lib/react-query';

export interface PasswordSignInInput {
  login: string;
  password: string;
  totp?: string;
}

export function usePasswordSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordSignInInput) => api<MeDto>('/api/v1/auth/login', { method: 'POST', body }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useRequestOtp() {
  return useMutation({
    mutationFn: (phone: string) =>
      api<{ sent: true; retryAfterSeconds: number }>('/api/v1/auth/otp', { method: 'POST', body: { phone } }),
  });
}

export function useVerifyOtp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) =>
      api<MeDto>('/api/v1/auth/otp/verify', { method: 'POST', body }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api<{ ok: true }>('/api/v1/auth/logout', { method: 'POST' });
      } catch {
        // the session may already be gone; signing out locally is what matters
      }
    },
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
