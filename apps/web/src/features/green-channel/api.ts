import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { PhotoRef } from '../files/api';

/** Wire types of /api/v1/green-channel (the server's green-channel.types.ts). */

export type GrnState = 'submitted' | 'reviewed' | 'rejected' | 'notice_sent' | 'answered' | 'closed';
export type GrnOutcome = 'waived' | 'reduced' | 'refused';
export type GrnAlertLevel = 'blue' | 'yellow' | 'orange' | 'red';
export type GrnAlertKind = 'rainstorm' | 'heat' | 'snow_ice' | 'gale' | 'thunder' | 'fog' | 'other';
export const ALERT_LEVELS: GrnAlertLevel[] = ['blue', 'yellow', 'orange', 'red'];
export const ALERT_KINDS: GrnAlertKind[] = [
  'rainstorm',
  'heat',
  'snow_ice',
  'gale',
  'thunder',
  'fog',
  'other',
];
export const STATES: GrnState[] = ['submitted', 'reviewed', 'rejected', 'notice_sent', 'answered', 'closed'];

export interface GrnAlert {
  id: string;
  regionCode: string;
  regionName: string;
  level: GrnAlertLevel;
  kind: GrnAlertKind;
  startsAt: string;
  endsAt: string | null;
  source: string;
  note: string | null;
  recordedByName: string;
  createdAt: string;
}

export interface GrnClaimSummary {
  id: string;
  caseNo: string;
  state: GrnState;
  riderName: string;
  platformOrgId: string;
  platformName: string;
  regionCode: string;
  regionName: string;
  orderNos: string[];
  orderAt: string;
  delayMinutes: number;
  fineFen: number;
  cause: 'extreme_weather' | 'other_objective';
  alertsInForce: GrnAlert[];
  noticeId: string | null;
  outcome: GrnOutcome | null;
  createdAt: string;
}

export interface GrnClaimDetail extends GrnClaimSummary {
  reason: string;
  evidenceNote: string | null;
  evidencePhotos: PhotoRef[];
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  rejectReason: string | null;
  notice: {
    id: string;
    noticeNo: string;
    sentAt: string;
    sentByName: string;
    sentByOrgName: string | null;
    requestedAnswerBy: string;
    facts: string;
  } | null;
  answer: {
    outcome: GrnOutcome;
    waivedFen: number;
    reason: string | null;
    decidedByName: string;
    decidedBySide: 'platform';
    platformName: string;
    answeredAt: string;
  } | null;
  closedAt: string | null;
  timeline: {
    id: string;
    at: string;
    actorName: string | null;
    side: string;
    action: string;
    fromState: GrnState | null;
    toState: GrnState;
    note: string | null;
  }[];
  isRider: boolean;
  actions: Record<'review' | 'reject' | 'sendNotice' | 'answer' | 'close', boolean>;
}

export interface GrnNotice {
  id: string;
  noticeNo: string;
  kind: 'claim' | 'district';
  platformOrgId: string;
  platformName: string;
  regionCode: string;
  regionName: string;
  alert: GrnAlert | null;
  facts: string;
  requestedAnswerBy: string;
  sentByName: string;
  sentByOrgName: string | null;
  sentAt: string;
  claims: {
    id: string;
    caseNo: string;
    state: GrnState;
    fineFen: number;
    outcome: GrnOutcome | null;
    waivedFen: number | null;
    answeredAt: string | null;
  }[];
  answered: number;
  overdue: boolean;
}

export interface GrnMetricsRow {
  platformOrgId: string;
  platformName: string;
  notices: number;
  districtNotices: number;
  claimsNoticed: number;
  answered: number;
  medianResponseHours: number | null;
  waived: number;
  reduced: number;
  refused: number;
  finesWaivedYuan: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const GRN_KEY = ['green-channel'] as const;
const BASE = '/api/v1/green-channel';

export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function usePlatforms() {
  return useQuery({
    queryKey: [...GRN_KEY, 'platforms'],
    queryFn: () => api<{ id: string; name: string }[]>(`${BASE}/platforms`),
    staleTime: 600_000,
  });
}

export function useClaims(query: { state?: GrnState; mine?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...GRN_KEY, 'claims', query],
    queryFn: () =>
      api<Page<GrnClaimSummary>>(`${BASE}/claims`, {
        query: {
          state: query.state,
          mine: query.mine ? 'true' : undefined,
          page: query.page ?? 1,
          pageSize: query.pageSize ?? 20,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useClaim(id: string | undefined) {
  return useQuery({
    queryKey: [...GRN_KEY, 'claim', id ?? ''],
    queryFn: () => api<GrnClaimDetail>(`${BASE}/claims/${id}`),
    enabled: Boolean(id),
  });
}

export function useFileClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api<GrnClaimDetail>(`${BASE}/claims`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: GRN_KEY }),
  });
}

export function useClaimAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'review' | 'reject' | 'answer' | 'close'; body: object }) =>
      api<GrnClaimDetail>(`${BASE}/claims/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (d) => {
      qc.setQueryData([...GRN_KEY, 'claim', id], d);
      void qc.invalidateQueries({ queryKey: GRN_KEY });
    },
  });
}

export function useSendNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api<{ items: GrnNotice[] }>(`${BASE}/notices`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: GRN_KEY }),
  });
}

export function useNotices(page: number) {
  return useQuery({
    queryKey: [...GRN_KEY, 'notices', page],
    queryFn: () => api<Page<GrnNotice>>(`${BASE}/notices`, { query: { page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
}

export function useAlerts(query: { regionCode?: string; at?: string; page?: number }, enabled = true) {
  return useQuery({
    queryKey: [...GRN_KEY, 'alerts', query],
    queryFn: () =>
      api<Page<GrnAlert>>(`${BASE}/alerts`, {
        query: { regionCode: query.regionCode, at: query.at, page: query.page ?? 1, pageSize: 50 },
      }),
    enabled,
  });
}

export function useRecordAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api<GrnAlert>(`${BASE}/alerts`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: GRN_KEY }),
  });
}

export function useGrnMetrics(from?: string, to?: string) {
  return useQuery({
    queryKey: [...GRN_KEY, 'metrics', from, to],
    queryFn: () =>
      api<{ from: string | null; to: string | null; items: GrnMetricsRow[] }>(`${BASE}/metrics`, {
        query: { from, to },
      }),
  });
}
