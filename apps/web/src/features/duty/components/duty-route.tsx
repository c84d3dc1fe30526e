import { RequirePermission } from '../../../app/routes/admin/guard';
import { DutyPage } from './duty-page';

export function DutyRoute() {
  return (
    <RequirePermission anyOf={['duty.read']}>
      <DutyPage />
    </RequirePermission>
  );
}
