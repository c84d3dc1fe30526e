import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export type ProjectState = 'draft' | 'active' | 'resolved' | 'closed' | 'cancelled';
export type ProjectLevel = 'community' | 'district_department' | 'industry_committee' | 'city';
export type ProjectActionKind = 'report_up' | 'mobilise' | 'coordinate';
export const PROJECT_STATES: readonly ProjectState[] = ['draft', 'active', 'resolved', 'closed', 'cancelled'];
export const PROJECT_ACTION_KINDS: readonly ProjectActionKind[] = ['report_up', 'mobilise', 'coordinate'];

export interface ProjectSummary {
  id: string;
  code: string;
  title: string;
  categoryId: string;
  categoryName: string | null;
  regionCode: string;
  regionName: string | null;
  leadUnitId: string;
  leadUnitName: string | null;
  coUnits: { id: string; name: string }[];
  level: ProjectLevel;
  concentrated: boolean;
  crossRegion: boolean;
  crossDepartment: boolean;
  state: ProjectState;
  caseCount: number;
  milestoneCount: number;
  milestonesDone: number;
  progressPercent: number;
  createdAt: string;
  escalatedAt: string | null;
  resolvedAt: string | null;
}

export type ProjectOperation =
  | 'activate'
  | 'resolve'
  | 'close'
  | 'cancel'
  | 'update'
  | 'link'
  | 'unlink'
  | 'addMilestone'
  | 'completeMilestone'
  | 'progress'
  | 'logAction'
  | 'escalate';

export interface ProjectDetail extends ProjectSummary {
  plan: string;
  reply: string | null;
  version: number;
  cases: {
    appealId: string;
    caseNo: string | null;
    title: string | null;
    state: string | null;
    stateLabel: string | null;
    regionName: string | null;
    leadUnitName: string | null;
    addedAt: string;
  }[];
  milestones: { id: string; title: string; dueDate: string | null; doneAt: string | null }[];
  progress: { id: string; note: string; byName: string | null; at: string }[];
  actionLog: {
    id: string;
    kind: ProjectActionKind;
    targetOrgId: string | null;
    targetName: string;
    note: string;
    byName: string | null;
    at: string;
  }[];
  actions: Record<ProjectOperation, boolean>;
}

export interface ProjectsPage {
  items: ProjectSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ResolveResult {
  project: ProjectDetail;
  resolved: { appealId: string; caseNo: string }[];
  skipped: { appealId: string; caseNo: string | null; state: string | null; reason: string }[];
}

export interface Suggestion {
  appealId: string;
  caseNo: string;
  title: string;
  state: string;
  stateLabel: string | null;
  regionName: string | null;
  createdAt: string;
  distanceMeters: number | null;
  textSimilarity: number;
  score: number;
  reasons: string[];
  projectId: string | null;
  projectCode: string | null;
}

export interface Cluster {
  categoryId: string;
  categoryName: string;
  suggestedTitle: string;
  keywords: string[];
  cases: { appealId: string; caseNo: string; title: string; state: string; regionName: string | null }[];
}

export interface CreateProjectInput {
  title: string;
  categoryId: string;
  regionCode: string;
  leadUnitId: string;
  coUnitIds?: string[];
  plan?: string;
  appealIds?: string[];
  concentrated?: boolean;
  crossRegion?: boolean;
  crossDepartment?: boolean;
}

const KEY = ['projects'] as const;

export function useProjects(query: {
  state?: string;
  categoryId?: string;
  q?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => api<ProjectsPage>('/api/v1/projects', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: () => api<ProjectDetail>(`/api/v1/projects/${id}`),
    enabled: Boolean(id),
  });
}

export function useSuggestions(appealId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'suggestions', appealId],
    queryFn: () =>
      api<{ items: Suggestion[]; candidatesConsidered: number }>('/api/v1/projects/suggestions', {
        query: { appealId },
      }),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

export function useClusters(regionCode: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'clusters', regionCode],
    queryFn: () =>
      api<{ clusters: Cluster[]; casesConsidered: number; truncated: boolean }>('/api/v1/projects/clusters', {
        query: { regionCode },
      }),
    enabled: Boolean(regionCode),
    retry: false,
  });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectInput) =>
      api<ProjectDetail>('/api/v1/projects', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Any project call answering the detail (or the resolve result); refreshes the caches. */
export function useProjectCall(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { path: string; method?: 'POST' | 'PATCH' | 'DELETE'; body?: unknown }) =>
      api<ProjectDetail | ResolveResult>(`/api/v1/projects/${id}${p.path}`, {
        method: p.method ?? 'POST',
        body: p.body ?? {},
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['appeals'] });
    },
  });
}
