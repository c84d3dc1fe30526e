import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const WISH_STATES = ['collected', 'batched', 'classified', 'tracking', 'answered'] as const;
export type WishState = (typeof WISH_STATES)[number];
export type WishAction = 'classify' | 'assign' | 'answer' | 'convert' | 'markIdea';

export interface Wish {
  id: string;
  text: string;
  state: WishState;
  boxId: string | null;
  boxName: string | null;
  regionCode: string;
  regionName: string | null;
  anonymous: boolean;
  submitterName: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  batchId: string | null;
  weekStart: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  trackerUserId: string | null;
  trackerName: string | null;
  feedback: string | null;
  activityIdea: boolean;
  convertedAppealId: string | null;
  convertedCaseNo: string | null;
  createdAt: string;
  answeredAt: string | null;
  mine: boolean;
  actions: Record<WishAction, boolean>;
}
export interface WishPage {
  items: Wish[];
  total: number;
  counts: Record<string, number>;
}
export interface WishBox {
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  hostOrgId: string | null;
  hostOrgName: string | null;
  location: string | null;
  active: boolean;
  link: string;
}
export interface WishBatch {
  id: string;
  regionCode: string;
  regionName: string | null;
  weekStart: string;
  counts: Record<string, number>;
  total: number;
  generatedAt: string;
}
export interface AppealRow {
  type: 'consult' | 'help' | 'suggestion' | 'complaint' | 'report';
  categoryId: string;
  description: string;
  urgency?: 'normal' | 'urgent' | 'critical';
}
export interface Forum {
  id: string;
  heldOn: string;
  place: string;
  hostOrgId: string | null;
  hostOrgName: string | null;
  regionCode: string;
  regionName: string | null;
  minutes: string;
  attendees: { riders: number; stationHeads: number; companyManagement: number; departments: number };
  appeals: { appealId: string; caseNo: string; title: string }[];
  canRaise: boolean;
  createdAt: string;
}

const KEY = ['wishes'] as const;
const FORUMS = ['forums'] as const;

export function useWishes(query: { state?: WishState | undefined; mine?: boolean; activityIdea?: boolean }) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () =>
      api<WishPage>('/api/v1/wishes', {
        query: {
          state: query.state,
          mine: query.mine ? 'true' : undefined,
          activityIdea: query.activityIdea ? 'true' : undefined,
          pageSize: 100,
        },
      }),
  });
}
export function useWishBoxes() {
  return useQuery({ queryKey: [...KEY, 'boxes'], queryFn: () => api<WishBox[]>('/api/v1/wish-boxes') });
}
export function useWishBox(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'box', id],
    queryFn: () => api<WishBox>(`/api/v1/wish-boxes/${id}`),
    enabled: Boolean(id),
  });
}
export function useWishAreas() {
  return useQuery({
    queryKey: [...KEY, 'areas'],
    queryFn: () => api<{ code: string; name: string }[]>('/api/v1/wish-categories'),
    staleTime: 3_600_000,
  });
}
export function useWishBatches() {
  return useQuery({ queryKey: [...KEY, 'batches'], queryFn: () => api<WishBatch[]>('/api/v1/wish-batches') });
}
export function useTrackers(wishId: string | null) {
  return useQuery({
    queryKey: [...KEY, 'trackers', wishId],
    queryFn: () => api<{ userId: string; name: string; role: string }[]>(`/api/v1/wishes/${wishId}/trackers`),
    enabled: Boolean(wishId),
  });
}

function useInvalidate(key: readonly string[]) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: key });
}

export function useCreateWish() {
  const inv = useInvalidate(KEY);
  return useMutation({
    mutationFn: (v: { body: object; key: string }) =>
      api<Wish>('/api/v1/wishes', { method: 'POST', body: v.body, headers: { 'idempotency-key': v.key } }),
    onSuccess: inv,
  });
}

const SEGMENT: Record<WishAction, string> = {
  classify: 'classify',
  assign: 'assign',
  answer: 'answer',
  convert: 'convert',
  markIdea: 'idea',
};
export function useWishAction() {
  const inv = useInvalidate(KEY);
  return useMutation({
    mutationFn: (v: { id: string; action: WishAction; body: object }) =>
      api<Wish>(`/api/v1/wishes/${v.id}/${SEGMENT[v.action]}`, { method: 'POST', body: v.body }),
    onSuccess: inv,
  });
}
export function useGenerateBatches() {
  const inv = useInvalidate(KEY);
  return useMutation({
    mutationFn: () => api<{ created: number }>('/api/v1/wish-batches', { method: 'POST', body: {} }),
    onSuccess: inv,
  });
}
export function useCreateBox() {
  const inv = useInvalidate(KEY);
  return useMutation({
    mutationFn: (body: { name: string; regionCode: string; location?: string }) =>
      api<WishBox>('/api/v1/wish-boxes', { method: 'POST', body }),
    onSuccess: inv,
  });
}

export function useForums() {
  return useQuery({ queryKey: FORUMS, queryFn: () => api<Forum[]>('/api/v1/forums') });
}
export function useCreateForum() {
  const inv = useInvalidate(FORUMS);
  return useMutation({
    mutationFn: (body: object) => api<Forum>('/api/v1/forums', { method: 'POST', body }),
    onSuccess: inv,
  });
}
export function useRaiseAppeals() {
  const inv = useInvalidate(FORUMS);
  return useMutation({
    mutationFn: (v: { id: string; appeals: AppealRow[] }) =>
      api<Forum>(`/api/v1/forums/${v.id}/appeals`, { method: 'POST', body: { appeals: v.appeals } }),
    onSuccess: inv,
  });
}
