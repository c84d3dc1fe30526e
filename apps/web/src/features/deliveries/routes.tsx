import { DeliveriesPage } from './mobile';

/** Route components of the rider's meal delivery 铜河小哥送餐. */
export function DeliveriesRoute() {
  return <DeliveriesPage />;
}
