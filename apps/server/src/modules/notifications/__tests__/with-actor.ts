import { permissionsOf, type Role } from '@nuanxin/shared';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Actor } from '../../../platform/auth/actor.ts';
import { installErrorHandler } from '../../../platform/http/error-handler.ts';

/**
 * A test actor with the permissions its roles carry. Until sign-in exists in these tests, routes
 * are mounted on a bare server whose hook takes the actor from the `x-test-user` / `x-test-roles`
 * headers, standing in for the identity module's session hook.
 */
export function testActor(userId: string, roles: Role[], name = 'Test User'): Actor {
  return {
    userId,
    name,
    kind: roles.includes('worker') ? 'worker' : 'staff',
    isPartyMember: false,
    grants: [],
    roles,
    permissions: new Set(permissionsOf(roles)),
    sessionId: null,
    tokenId: null,
  };
}

export function actorHeaders(userId: string, roles: Role[]): Record<string, string> {
  return { 'x-test-user': userId, 'x-test-roles': roles.join(',') };
}

export async function appWithActors(routes: FastifyPluginAsync): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (req) => {
    const user = req.headers['x-test-user'];
    const roles = req.headers['x-test-roles'];
    req.actor =
      typeof user === 'string' && typeof roles === 'string'
        ? testActor(user, roles.split(',') as Role[])
        : null;
    req.authVia = req.actor ? 'bearer' : null;
  });
  await app.register(routes, { prefix: '/api/v1' });
  await app.ready();
  return app;
}
