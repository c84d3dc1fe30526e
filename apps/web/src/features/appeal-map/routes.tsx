import { RequirePermission } from '../../app/routes/admin/guard';
import { AppealMapPage } from './map-page';

export function AppealMapRoute() {
  return (
    <RequirePermission anyOf={['appeals.read']}>
      <AppealMapPage />
    </RequirePermission>
  );
}
