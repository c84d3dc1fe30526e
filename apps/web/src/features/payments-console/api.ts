import type {
  AccountsReply,
  CounterMethod,
  CreateOperatingEntryInput,
  OperatingEntryDto,
  PaymentDto,
  PaymentStatus,
  PaymentsReply,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The console's calls of payments and operating accounts (docs/contract-hub-canteen.md). */

export const PAYMENTS_KEY = ['payments'] as const;

export function useStationPayments(
  stationId: string,
  f: { status?: PaymentStatus | undefined; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'station', stationId, f],
    queryFn: ({ signal }) =>
      api<PaymentsReply>(`/api/v1/stations/${stationId}/payments`, { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useAccounts(stationId: string, month: string) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'accounts', stationId, month],
    queryFn: ({ signal }) =>
      api<AccountsReply>(`/api/v1/stations/${stationId}/accounts`, { query: { month }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Confirms a counter payment; every payments view (and the modules' boards) refetch. */
export function useConfirmPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, method }: { id: string; method: CounterMethod }) =>
      api<PaymentDto>(`/api/v1/payments/${id}/confirm`, { method: 'POST', body: { method } }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useVoidPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<PaymentDto>(`/api/v1/payments/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useAddEntry(stationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOperatingEntryInput) =>
      api<OperatingEntryDto>(`/api/v1/stations/${stationId}/accounts/entries`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...PAYMENTS_KEY, 'accounts', stationId] }),
  });
}

export function useDeleteEntry(stationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      api<{ ok: true }>(`/api/v1/stations/${stationId}/accounts/entries/${entryId}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...PAYMENTS_KEY, 'accounts', stationId] }),
  });
}
