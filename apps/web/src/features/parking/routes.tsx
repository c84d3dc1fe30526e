import { RequirePermission } from '../../app/routes/admin/guard';
import { CompoundQueuePage, ParkingZonesPage } from './admin';

/** Route components of parking zones 专属停放区 and compound-access notes 小区进门. */

export function ParkingZonesRoute() {
  return (
    <RequirePermission anyOf={['parking_zones.manage']}>
      <ParkingZonesPage />
    </RequirePermission>
  );
}

export function CompoundQueueRoute() {
  return (
    <RequirePermission anyOf={['compound_access.review']}>
      <CompoundQueuePage />
    </RequirePermission>
  );
}
