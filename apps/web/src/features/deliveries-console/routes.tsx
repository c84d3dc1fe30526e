import { RequirePermission } from '../../app/routes/admin/guard';
import { DeliveriesConsolePage } from './deliveries-page';

/** Route component of the console's home meal delivery 送餐上门. */
export function DeliveriesConsoleRoute() {
  return (
    <RequirePermission anyOf={['deliveries.manage']}>
      <DeliveriesConsolePage />
    </RequirePermission>
  );
}
