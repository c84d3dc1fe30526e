import { useMe } from '../../../features/auth/api/get-me';
import { UsersPage } from '../../../features/users/components/users-page';
import { RequirePermission } from './guard';

export function UsersRoute() {
  const me = useMe().data;
  return (
    <RequirePermission anyOf={['users.list']}>
      <UsersPage canCreate={Boolean(me?.permissions.includes('users.create'))} />
    </RequirePermission>
  );
}
