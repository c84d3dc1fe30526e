import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { useMe } from '../auth/api/get-me';
import { ForumsPage, WishBoardPage, WishPosterPage } from './admin';

export function WishBoardRoute() {
  return (
    <RequirePermission anyOf={['wishes.manage']}>
      <WishBoardPage />
    </RequirePermission>
  );
}

export function WishPosterRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['wishes.manage']}>
      <WishPosterPage id={id ?? ''} />
    </RequirePermission>
  );
}

export function ForumsRoute() {
  const me = useMe().data;
  return (
    <RequirePermission anyOf={['forums.read']}>
      <ForumsPage canRecord={Boolean(me?.permissions.includes('forums.manage'))} />
    </RequirePermission>
  );
}
