import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

export const ME_KEY = ['me'] as const;

/** A 401 on any call means the session ended: forget the cached user so the guards send to sign-in. */
function onApiError(error: unknown): void {
  if (
    error instanceof ApiError &&
    error.status === 401 &&
    !error.code.startsWith('auth.otp') &&
    error.code !== 'auth.invalid_credentials' &&
    error.code !== 'auth.totp_required' &&
    error.code !== 'auth.totp_invalid'
  ) {
    if (queryClient.getQueryData(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
  }
}

/** Queries retry only on network trouble and server faults, never on 4xx answers. */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => {
        if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
        return failures < 2;
      },
    },
    mutations: { retry: false },
  },
});
