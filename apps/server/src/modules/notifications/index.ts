import type { ModuleDefinition } from '../index.ts';
import { notificationsRoutes } from './notifications.routes.ts';

/**
 * The notifications module's public surface. Other modules put notices in a user's inbox with
 * `notify(tx, …)` from their event handlers (so a retried event never notifies twice), and send
 * outside messages through the channel senders in platform/notify.
 */
export const notificationsModule: ModuleDefinition = { name: 'notifications', routes: notificationsRoutes };

export type { NotificationDto } from './notifications.schemas.ts';
export { type NotifyInput, notify, notifyMany } from './notifications.service.ts';
