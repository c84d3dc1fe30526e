import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  notificationIdParams,
  notificationsListQuery,
  notificationsPage,
  okSchema,
  unreadCountReply,
} from './notifications.schemas.ts';
import * as service from './notifications.service.ts';

/** The signed-in user's own inbox (contract issue 2, "Notifications"). */
export function notificationsRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  const db = deps.database.db;
  const guard = requirePermission('notifications.read');
  return async (app) => {
    app.get(
      '/notifications',
      {
        onRequest: guard,
        schema: {
          operationId: 'notifications.list',
          tags: ['notifications'],
          summary: 'My notifications, newest first',
          querystring: notificationsListQuery,
          response: { 200: notificationsPage },
        },
      },
      async (req) => service.list(db, actorOf(req), req.query),
    );

    app.get(
      '/notifications/unread-count',
      {
        onRequest: guard,
        schema: {
          operationId: 'notifications.unreadCount',
          tags: ['notifications'],
          summary: 'How many of my notifications are unread (the badge)',
          response: { 200: unreadCountReply },
        },
      },
      async (req) => service.unreadCount(db, actorOf(req)),
    );

    app.post(
      '/notifications/:id/read',
      {
        onRequest: guard,
        schema: {
          operationId: 'notifications.read',
          tags: ['notifications'],
          summary: 'Mark one of my notifications read',
          params: notificationIdParams,
          response: { 200: okSchema },
        },
      },
      async (req) => service.read(db, actorOf(req), req.params.id),
    );

    app.post(
      '/notifications/read-all',
      {
        onRequest: guard,
        schema: {
          operationId: 'notifications.readAll',
          tags: ['notifications'],
          summary: 'Mark all my notifications read',
          response: { 200: okSchema },
        },
      },
      async (req) => service.readAll(db, actorOf(req)),
    );
  };
}
