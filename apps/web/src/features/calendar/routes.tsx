import { RequirePermission } from '../../app/routes/admin/guard';
import { CalendarPage } from './calendar-page';

export function CalendarSettingsRoute() {
  return (
    <RequirePermission anyOf={['settings.manage']}>
      <CalendarPage />
    </RequirePermission>
  );
}
