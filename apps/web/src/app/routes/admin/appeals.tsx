import type { Permission } from '@nuanxin/shared';
import { useParams } from 'react-router';
import { AppealCasePage } from '../../../features/appeals/components/admin/case-page';
import { HotlineIntakePage } from '../../../features/appeals/components/admin/hotline-page';
import { AppealsWorkbenchPage } from '../../../features/appeals/components/admin/workbench-page';
import { useMe } from '../../../features/auth/api/get-me';
import { RequirePermission } from './guard';

export function AppealsWorkbenchRoute() {
  const me = useMe().data;
  const can = (p: Permission) => Boolean(me?.permissions.includes(p));
  // Dispatchers start at intake, unit handlers at what waits for their signature.
  const defaultQueue = can('appeals.dispatch')
    ? 'pending_intake'
    : can('appeals.handle')
      ? 'pending_sign'
      : 'all';
  return (
    <RequirePermission anyOf={['appeals.read']}>
      <AppealsWorkbenchPage canIntake={can('appeals.dispatch')} defaultQueue={defaultQueue} />
    </RequirePermission>
  );
}

export function AppealCaseRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['appeals.read']}>
      <AppealCasePage key={id} id={id ?? ''} />
    </RequirePermission>
  );
}

export function HotlineIntakeRoute() {
  return (
    <RequirePermission anyOf={['appeals.dispatch']}>
      <HotlineIntakePage />
    </RequirePermission>
  );
}
