import type { Role, StaffRole, UserAdminDto } from '@nuanxin/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface UsersQuery {
  q?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  kind?: 'worker' | 'staff';
  page: number;
  pageSize: number;
}

export interface UsersPage {
  items: UserAdminDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface GrantInput {
  role: StaffRole;
  orgId?: string;
  regionCode?: string;
}

export interface CreateStaffInput {
  name: string;
  phone: string;
  username?: string;
  password: string;
  grants: GrantInput[];
}

const KEY = ['users'] as const;

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => api<UsersPage>('/api/v1/users', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateUser = () =>
  useUserMutation((body: CreateStaffInput) => api<UserAdminDto>('/api/v1/users', { method: 'POST', body }));

export const useSetUserStatus = () =>
  useUserMutation(({ id, enable }: { id: string; enable: boolean }) =>
    api<UserAdminDto>(`/api/v1/users/${id}/${enable ? 'enable' : 'disable'}`, { method: 'POST' }),
  );

export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api<{ ok: true }>(`/api/v1/users/${id}/reset-password`, { method: 'POST', body: { newPassword } }),
  );

export const useAddGrant = () =>
  useUserMutation(({ id, grant }: { id: string; grant: GrantInput }) =>
    api<UserAdminDto>(`/api/v1/users/${id}/grants`, { method: 'POST', body: grant }),
  );

export const useRemoveGrant = () =>
  useUserMutation(({ id, grantId }: { id: string; grantId: string }) =>
    api<UserAdminDto>(`/api/v1/users/${id}/grants/${grantId}`, { method: 'DELETE' }),
  );

/** Not cached and not invalidating: the value is shown once and forgotten. */
export function useRevealPhone() {
  return useMutation({
    mutationFn: (id: string) =>
      api<{ value: string }>(`/api/v1/users/${id}/reveal`, { method: 'POST', body: { field: 'phone' } }),
  });
}
