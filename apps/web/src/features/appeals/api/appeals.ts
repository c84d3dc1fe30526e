import type { OrgItemDto, RegionDto } from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import {
  type AppealAction,
  type AppealCategory,
  type AppealDetail,
  type AppealQueueCounts,
  type AppealsPage,
  type AppealsQuery,
  actionPath,
  type CreateAppealInput,
  type NearbyAppeal,
} from './types';

export const APPEALS_KEY = ['appeals'] as const;

export function useAppealQueues(enabled = true) {
  return useQuery({
    queryKey: [...APPEALS_KEY, 'queues'],
    queryFn: () => api<AppealQueueCounts>('/api/v1/appeals/queues'),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useAppeals(query: AppealsQuery, enabled = true) {
  return useQuery({
    queryKey: [...APPEALS_KEY, 'list', query],
    queryFn: () => api<AppealsPage>('/api/v1/appeals', { query: { ...query } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function appealKey(id: string) {
  return [...APPEALS_KEY, 'detail', id] as const;
}

export function useAppeal(id: string | undefined) {
  return useQuery({
    queryKey: appealKey(id ?? ''),
    queryFn: () => api<AppealDetail>(`/api/v1/appeals/${id}`),
    enabled: Boolean(id),
  });
}

/** A 409 `appeal.conflict`: somebody else acted on the case first. */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.code === 'appeal.conflict';
}

/**
 * Posts one workflow action. The answer is the new AppealDetail, written straight into the cache;
 * lists and queue counts are refetched.
 */
export function useAppealAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: AppealAction; body?: Record<string, unknown> }) =>
      api<AppealDetail>(`/api/v1/appeals/${id}/${actionPath(action)}`, {
        method: 'POST',
        body: body ?? {},
      }),
    onSuccess: (detail) => {
      qc.setQueryData(appealKey(id), detail);
      void qc.invalidateQueries({ queryKey: [...APPEALS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...APPEALS_KEY, 'queues'] });
    },
    onError: (err) => {
      if (isConflict(err)) void qc.invalidateQueries({ queryKey: appealKey(id) });
    },
  });
}

/** Staff intake (hotline): posted at once, not through the offline queue. */
export function useCreateAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateAppealInput; idempotencyKey: string }) =>
      api<AppealDetail>('/api/v1/appeals', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: (detail) => {
      qc.setQueryData(appealKey(detail.id), detail);
      void qc.invalidateQueries({ queryKey: [...APPEALS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...APPEALS_KEY, 'queues'] });
    },
  });
}

export function useFollowAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/v1/appeals/${id}/follow`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...APPEALS_KEY, 'list'] }),
  });
}

export function useNearbyAppeals(params: { categoryId?: string; lat?: number; lng?: number } | null) {
  const ready = Boolean(params?.categoryId && params.lat !== undefined && params.lng !== undefined);
  return useQuery({
    queryKey: [...APPEALS_KEY, 'nearby', params],
    queryFn: () =>
      api<NearbyAppeal[] | { items: NearbyAppeal[] }>('/api/v1/appeals/nearby', {
        query: { categoryId: params?.categoryId, lat: params?.lat, lng: params?.lng, crs: 'wgs84' },
      }).then((r) => (Array.isArray(r) ? r : r.items)),
    enabled: ready,
    staleTime: 60_000,
    retry: false,
  });
}

/** The categories filing forms offer; `includeDisabled` for filters over existing cases. */
export function useAppealCategories(opts: { includeDisabled?: boolean } = {}) {
  const includeDisabled = opts.includeDisabled === true;
  return useQuery({
    queryKey: ['appeal-categories', includeDisabled ? 'all' : 'enabled'],
    queryFn: () =>
      api<AppealCategory[] | { items: AppealCategory[] }>('/api/v1/appeal-categories', {
        query: includeDisabled ? { includeDisabled: 'true' } : {},
      }).then((r) => (Array.isArray(r) ? r : r.items)),
    staleTime: 600_000,
  });
}

export interface CategoryNode extends AppealCategory {
  children: CategoryNode[];
}

/** The flat category list as a tree (APL-10 areas at the top, APL-11 problems below). */
export function categoryTree(list: readonly AppealCategory[]): CategoryNode[] {
  const byId = new Map<string, CategoryNode>();
  for (const c of list) byId.set(c.id, { ...c, children: [] });
  const roots: CategoryNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: CategoryNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

export function useRegions(parentCode?: string, enabled = true) {
  return useQuery({
    queryKey: ['regions', parentCode ?? 'root'],
    queryFn: () => api<RegionDto[]>('/api/v1/regions', { query: { parentCode } }),
    staleTime: 600_000,
    enabled,
  });
}

const UNIT_KINDS = ['government_department', 'community', 'township'] as const;

/** Units a case can be dispatched to: departments, communities and townships (APL-03). */
export function useHandlingUnits(enabled = true) {
  return useQuery({
    queryKey: ['orgs', 'appeal-units'],
    queryFn: async () => {
      const lists = await Promise.all(
        UNIT_KINDS.map((kind) => api<OrgItemDto[]>('/api/v1/orgs', { query: { kind } })),
      );
      return lists.flat();
    },
    staleTime: 300_000,
    enabled,
  });
}
