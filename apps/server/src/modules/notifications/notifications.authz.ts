import { newId } from '../../platform/db/ids.ts';
import { type AuthzCase, expectRoles } from '../../platform/testing/authz.ts';
import { notify } from './notifications.service.ts';

/** Every signed-in user has an inbox; nobody reaches another person's notices. */
export const notificationsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/notifications',
    request: () => ({ url: '/api/v1/notifications' }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'GET /api/v1/notifications/unread-count',
    request: () => ({ url: '/api/v1/notifications/unread-count' }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    name: 'own notice',
    request: async (world, _scope, role) => {
      const userId = role === 'anonymous' ? undefined : world.actorOf[role];
      const id = userId
        ? await notify(world.deps.database.db, { userId, kind: 'authz.test', title: 'authz' })
        : newId();
      return { url: `/api/v1/notifications/${id}/read` };
    },
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    name: "another user's notice",
    request: async (world) => {
      const id = await notify(world.deps.database.db, {
        userId: newId(),
        kind: 'authz.test',
        title: 'other',
      });
      return { url: `/api/v1/notifications/${id}/read` };
    },
    expect: expectRoles(404, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    request: () => ({ url: '/api/v1/notifications/read-all' }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
];
