import type { Permission } from '@nuanxin/shared';
import type { ReactNode } from 'react';
import { useMe } from '../../../features/auth/api/get-me';
import { ForbiddenRoute } from './errors';

/** Shows the page only when the signed-in user has one of the permissions (server-sent). */
export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!anyOf.some((p) => me.data?.permissions.includes(p))) return <ForbiddenRoute />;
  return <>{children}</>;
}
