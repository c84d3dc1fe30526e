import type {
  CatalogueCategoryDto,
  CatalogueGapsDto,
  CreateCatalogueCategoryInput,
  CreateDispatchRuleInput,
  DispatchProposalDto,
  DispatchRuleDto,
  OrgItemDto,
  ReorderCategoriesInput,
  UpdateCatalogueCategoryInput,
} from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** Categories 诉求分类 and the dispatch catalogue 派单目录 (console). */

export type CatalogueCategory = CatalogueCategoryDto;
export type DispatchRule = DispatchRuleDto;
export type CatalogueGaps = CatalogueGapsDto;
export type DispatchProposal = DispatchProposalDto;

const KEY = ['appeal-catalogue'] as const;
const BASE = '/api/v1/appeal-catalogue';

/** After any change: the console lists, and the filing forms' category list. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: KEY });
    void qc.invalidateQueries({ queryKey: ['appeal-categories'] });
  };
}

export function useCatalogueCategories() {
  return useQuery({
    queryKey: [...KEY, 'categories'],
    queryFn: () => api<{ items: CatalogueCategory[] }>(`${BASE}/categories`).then((r) => r.items),
  });
}

export function useCreateCategory() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: Partial<CreateCatalogueCategoryInput> & { code: string; name: string }) =>
      api<CatalogueCategory>(`${BASE}/categories`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useUpdateCategory() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateCatalogueCategoryInput & { id: string }) =>
      api<CatalogueCategory>(`${BASE}/categories/${id}`, { method: 'PATCH', body }),
    onSuccess: done,
  });
}

export function useSetCategoryEnabled() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api<CatalogueCategory>(`${BASE}/categories/${id}/${enabled ? 'enable' : 'disable'}`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: done,
  });
}

export function useDeleteCategory() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`${BASE}/categories/${id}`, { method: 'DELETE' }),
    onSuccess: done,
  });
}

export function useReorderCategories() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: ReorderCategoriesInput) =>
      api<{ items: CatalogueCategory[] }>(`${BASE}/categories/reorder`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useCatalogueRegions() {
  return useQuery({
    queryKey: [...KEY, 'regions'],
    queryFn: () => api<{ items: { code: string; name: string }[] }>(`${BASE}/regions`).then((r) => r.items),
    staleTime: 300_000,
  });
}

export function useDispatchRules(filter: {
  regionCode?: string | undefined;
  categoryId?: string | undefined;
}) {
  return useQuery({
    queryKey: [...KEY, 'rules', filter],
    queryFn: () => api<{ items: DispatchRule[] }>(`${BASE}/rules`, { query: filter }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogueGaps(regionCode: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'gaps', regionCode],
    queryFn: () => api<CatalogueGaps>(`${BASE}/gaps`, { query: { regionCode } }),
    enabled: Boolean(regionCode),
    placeholderData: keepPreviousData,
  });
}

export function useSaveRule() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: CreateDispatchRuleInput & { id?: string | undefined }) =>
      id
        ? api<DispatchRule>(`${BASE}/rules/${id}`, { method: 'PATCH', body: { unitId: body.unitId } })
        : api<DispatchRule>(`${BASE}/rules`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useDeleteRule() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`${BASE}/rules/${id}`, { method: 'DELETE' }),
    onSuccess: done,
  });
}

/** Organisations a rule of the district may name (every kind: departments, streets, committees). */
export function useUnitsIn(regionCode: string | undefined) {
  const county = regionCode?.slice(0, 6);
  return useQuery({
    queryKey: ['orgs', 'in-region', county],
    queryFn: () => api<OrgItemDto[]>('/api/v1/orgs', { query: { regionCode: county } }),
    enabled: Boolean(county),
    staleTime: 300_000,
  });
}

/** The unit the catalogue proposes for a category in a region (intake and dispatch forms). */
export function useDispatchProposal(categoryId: string | undefined, regionCode: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'proposal', categoryId, regionCode],
    queryFn: () => api<DispatchProposal>(`${BASE}/proposal`, { query: { categoryId, regionCode } }),
    enabled: Boolean(categoryId && regionCode),
    staleTime: 60_000,
    retry: false,
  });
}
