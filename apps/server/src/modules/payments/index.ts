import type { ModuleDefinition } from '../index.ts';
import './payments.events.ts';
import { paymentsRoutes } from './payments.routes.ts';

/**
 * Charges at stations and their operating accounts (HUB-07, CAN-01; docs/contract-hub-canteen.md).
 * Other modules charge through `createPaymentsService(deps).charge(tx, …)` inside their own
 * transaction and react to `payment.paid` / `payment.voided` for their own purpose.
 */
export const paymentsModule: ModuleDefinition = { name: 'payments', routes: paymentsRoutes };

export { PAYMENT_EVENTS, type PaymentEventPayload } from './payments.events.ts';
export { counterProvider, type PaymentProvider } from './payments.providers.ts';
export { monthOf, monthRange } from './payments.rules.ts';
export { seedDemoOperatingAccounts } from './payments.seed.ts';
export {
  type ChargeInput,
  createPaymentsService,
  type PaymentsService,
  toPaymentDto,
} from './payments.service.ts';
