import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const KEY = ['notifications'] as const;

/** Unread count, polled every 60 s while the page is open. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'unread-count'],
    queryFn: () => api<{ count: number }>('/api/v1/notifications/unread-count'),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useNotifications(params: { unreadOnly?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () =>
      api<Page<NotificationDto>>('/api/v1/notifications', {
        query: {
          unreadOnly: params.unreadOnly ? 'true' : undefined,
          page: params.page,
          pageSize: params.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/v1/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
