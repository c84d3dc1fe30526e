import {
  createStaffBody,
  createTokenBody,
  createTokenReply,
  grantInput,
  loginBody,
  loginReply,
  meReply,
  okSchema,
  otpRequestBody,
  otpRequestReply,
  otpVerifyBody,
  otpVerifyReply,
  passwordChangeBody,
  resetPasswordBody,
  revealBody,
  revealReply,
  tokenIdParams,
  tokenSchema,
  tokensListQuery,
  tokensListReply,
  totpEnableBody,
  totpSetupReply,
  updateMeBody,
  userAdminSchema,
  userGrantParams,
  userIdParams,
  usersListQuery,
  usersPage,
} from '@nuanxin/shared';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requireAuth, requirePermission, requireStaff } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, unauthenticated } from '../../platform/http/errors.ts';
import {
  createIdentityService,
  type IdentityService,
  type ResolvedAuth,
  SESSION_COOKIE,
  type SignedIn,
} from './identity.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Full authentication result (session details, TOTP enrolment state). */
    auth: ResolvedAuth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Sign-in routes: 10 a minute per client address. */
const AUTH_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } } as const;

/** Either guard passes: signed in with one of the permissions. */
function requireAnyPermission(...perms: Parameters<typeof requirePermission>[0][]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.actor) throw unauthenticated();
    if (!perms.some((p) => req.actor!.permissions.has(p)))
      throw forbidden(`Missing permission ${perms.join(' or ')}`);
  };
}

function bearerOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/**
 * Authentication for every /api/v1 route of every module: resolves `request.actor` from the
 * session cookie or a bearer token, enforces CSRF on cookie-authenticated unsafe requests, and
 * refuses cross-site sign-ins. Registered on the root instance (fastify-plugin), so hooks reach
 * routes of modules registered after it.
 */
function installAuthHooks(root: FastifyInstance, service: IdentityService, deps: PlatformDeps) {
  const publicOrigin = new URL(deps.config.publicUrl).origin;
  root.decorateRequest('actor', null);
  root.decorateRequest('authVia', null);
  root.decorateRequest('auth', null);

  root.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const config = req.routeOptions.config;
    if (config.signIn) {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        const own = `${req.protocol}://${req.host}`;
        if (origin !== publicOrigin && origin !== own)
          throw new AppError('common.csrf', 'Cross-site sign-in refused');
      } else if (origin === 'null') throw new AppError('common.csrf', 'Cross-site sign-in refused');
    }
    if (config.residentSession) return;
    const bearer = bearerOf(req);
    const auth = await service.authenticate({
      bearer,
      cookie: bearer ? undefined : req.cookies[SESSION_COOKIE],
    });
    if (!auth) return;
    if (auth.via === 'cookie' && UNSAFE.has(req.method) && !config.signIn) {
      const header = req.headers['x-csrf-token'];
      if (!service.csrfValid(auth.session!.id, typeof header === 'string' ? header : undefined)) {
        throw new AppError('common.csrf', 'Missing or wrong X-CSRF-Token');
      }
    }
    if (auth.totpEnrolmentRequired && !config.allowDuringTotpEnrolment && !config.signIn) {
      throw new AppError(
        'auth.totp_enrolment_required',
        'Set up an authenticator app first (/me/totp/setup)',
      );
    }
    req.auth = auth;
    req.actor = auth.actor;
    req.authVia = auth.via;
  });
}

function setSessionCookie(reply: FastifyReply, deps: PlatformDeps, s: SignedIn) {
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: s.maxAgeSeconds,
  });
}

function authOf(req: FastifyRequest): ResolvedAuth {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

const meta = (req: FastifyRequest) => ({ ...metaOf(req), userAgent: req.headers['user-agent'] });

function apiRoutes(deps: PlatformDeps, service: IdentityService): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    // ---- sign-in -------------------------------------------------------------------------------
    app.post(
      '/auth/otp',
      {
        config: { signIn: true, ...AUTH_LIMIT },
        schema: {
          operationId: 'auth.otpRequest',
          tags: ['auth'],
          summary: 'Send a 6-digit sign-in code by SMS (workers)',
          description:
            'One code per phone a minute, ten a day. The answer is the same whether or not an account exists.',
          body: otpRequestBody,
          response: { 200: otpRequestReply },
        },
      },
      async (req) => {
        const r = await service.requestOtp(req.body.phone, metaOf(req));
        return { sent: true as const, retryAfterSeconds: r.retryAfterSeconds };
      },
    );

    app.post(
      '/auth/otp/verify',
      {
        config: { signIn: true, ...AUTH_LIMIT },
        schema: {
          operationId: 'auth.otpVerify',
          tags: ['auth'],
          summary: 'Sign in with the SMS code; creates the worker account on first sign-in',
          description: 'Five wrong codes void the code. Sets the session cookie.',
          body: otpVerifyBody,
          response: { 200: otpVerifyReply },
        },
      },
      async (req, reply) => {
        const s = await service.verifyOtp(
          req.body.phone,
          req.body.code,
          meta(req),
          req.cookies[SESSION_COOKIE],
        );
        setSessionCookie(reply, deps, s);
        return s.me;
      },
    );

    app.post(
      '/auth/login',
      {
        config: { signIn: true, ...AUTH_LIMIT },
        schema: {
          operationId: 'auth.login',
          tags: ['auth'],
          summary: 'Staff sign-in with phone or username and password (and TOTP when enabled)',
          description: 'Five failures lock the account for 15 minutes. Sets the session cookie.',
          body: loginBody,
          response: { 200: loginReply },
        },
      },
      async (req, reply) => {
        const s = await service.login(req.body, meta(req), req.cookies[SESSION_COOKIE]);
        setSessionCookie(reply, deps, s);
        return s.me;
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { allowDuringTotpEnrolment: true },
        schema: {
          operationId: 'auth.logout',
          tags: ['auth'],
          summary: 'End the current session',
          response: { 200: okSchema },
        },
      },
      async (req, reply) => {
        await service.logout(req.auth, metaOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    // ---- me ------------------------------------------------------------------------------------
    app.get(
      '/me',
      {
        config: { allowDuringTotpEnrolment: true },
        preHandler: requireAuth,
        schema: {
          operationId: 'me.get',
          tags: ['me'],
          summary: 'The signed-in user, roles, permissions and CSRF token',
          response: { 200: meReply },
        },
      },
      // Serialised once per cached credential (validated against meReply there): Fastify sends a
      // string with a JSON content type as it is. The untyped reply takes the string body.
      async (req, reply) =>
        (reply as FastifyReply).type('application/json; charset=utf-8').send(service.meJson(authOf(req))),
    );

    app.patch(
      '/me',
      {
        config: { allowDuringTotpEnrolment: true },
        preHandler: requireAuth,
        schema: {
          operationId: 'me.update',
          tags: ['me'],
          summary: 'Change your display name',
          body: updateMeBody,
          response: { 200: meReply },
        },
      },
      async (req) => service.updateMe(authOf(req), req.body.name, metaOf(req)),
    );

    app.post(
      '/me/password',
      {
        config: { allowDuringTotpEnrolment: true, ...AUTH_LIMIT },
        preHandler: requireStaff,
        schema: {
          operationId: 'me.changePassword',
          tags: ['me'],
          summary: 'Change your password (staff); other sessions end',
          body: passwordChangeBody,
          response: { 200: okSchema },
        },
      },
      async (req) => {
        await service.changePassword(authOf(req), req.body, metaOf(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/me/totp/setup',
      {
        config: { allowDuringTotpEnrolment: true },
        preHandler: requireStaff,
        schema: {
          operationId: 'me.totpSetup',
          tags: ['me'],
          summary: 'Create a TOTP secret (not active until enabled)',
          response: { 200: totpSetupReply },
        },
      },
      async (req) => service.totpSetup(authOf(req), metaOf(req)),
    );

    app.post(
      '/me/totp/enable',
      {
        config: { allowDuringTotpEnrolment: true, ...AUTH_LIMIT },
        preHandler: requireStaff,
        schema: {
          operationId: 'me.totpEnable',
          tags: ['me'],
          summary: 'Turn TOTP on by proving a current code',
          body: totpEnableBody,
          response: { 200: meReply },
        },
      },
      async (req) => service.totpEnable(authOf(req), req.body.code, metaOf(req)),
    );

    // ---- users (console) -----------------------------------------------------------------------
    app.get(
      '/users',
      {
        preHandler: requirePermission('users.list'),
        schema: {
          operationId: 'users.list',
          tags: ['users'],
          summary: 'Users within your scope',
          querystring: usersListQuery,
          response: { 200: usersPage },
        },
      },
      async (req) => service.listUsers(actorOf(req), req.query),
    );

    app.post(
      '/users',
      {
        preHandler: requirePermission('users.create'),
        schema: {
          operationId: 'users.create',
          tags: ['users'],
          summary: 'Create a staff account with its roles',
          body: createStaffBody,
          response: { 201: userAdminSchema },
        },
      },
      async (req, reply) => {
        const dto = await service.createStaff(actorOf(req), req.body, metaOf(req));
        return reply.status(201).send(dto);
      },
    );

    app.get(
      '/users/:id',
      {
        preHandler: requirePermission('users.list'),
        schema: {
          operationId: 'users.get',
          tags: ['users'],
          summary: 'One user, with the actions you may take',
          params: userIdParams,
          response: { 200: userAdminSchema },
        },
      },
      async (req) => service.getUser(actorOf(req), req.params.id),
    );

    app.post(
      '/users/:id/disable',
      {
        preHandler: requirePermission('users.disable'),
        schema: {
          operationId: 'users.disable',
          tags: ['users'],
          summary: 'Disable an account; all its sessions and tokens end',
          params: userIdParams,
          response: { 200: userAdminSchema },
        },
      },
      async (req) => service.disableUser(actorOf(req), req.params.id, metaOf(req)),
    );

    app.post(
      '/users/:id/enable',
      {
        preHandler: requirePermission('users.disable'),
        schema: {
          operationId: 'users.enable',
          tags: ['users'],
          summary: 'Enable a disabled account',
          params: userIdParams,
          response: { 200: userAdminSchema },
        },
      },
      async (req) => service.enableUser(actorOf(req), req.params.id, metaOf(req)),
    );

    app.post(
      '/users/:id/reset-password',
      {
        preHandler: requirePermission('users.reset_password'),
        schema: {
          operationId: 'users.resetPassword',
          tags: ['users'],
          summary: 'Set a new password for a staff account; its sessions end',
          params: userIdParams,
          body: resetPasswordBody,
          response: { 200: okSchema },
        },
      },
      async (req) => {
        await service.resetPassword(actorOf(req), req.params.id, req.body.newPassword, metaOf(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/users/:id/grants',
      {
        preHandler: requirePermission('users.grant'),
        schema: {
          operationId: 'users.addGrant',
          tags: ['users'],
          summary: 'Give a role within a scope (never wider than your own)',
          params: userIdParams,
          body: grantInput,
          response: { 200: userAdminSchema },
        },
      },
      async (req) => service.addGrant(actorOf(req), req.params.id, req.body, metaOf(req)),
    );

    app.delete(
      '/users/:id/grants/:grantId',
      {
        preHandler: requirePermission('users.grant'),
        schema: {
          operationId: 'users.removeGrant',
          tags: ['users'],
          summary: 'Take a role away',
          params: userGrantParams,
          response: { 200: userAdminSchema },
        },
      },
      async (req) => service.removeGrant(actorOf(req), req.params.id, req.params.grantId, metaOf(req)),
    );

    app.post(
      '/users/:id/reveal',
      {
        preHandler: requirePermission('users.list'),
        schema: {
          operationId: 'users.reveal',
          tags: ['users'],
          summary: 'Show the full phone number (audited as pii.reveal)',
          params: userIdParams,
          body: revealBody,
          response: { 200: revealReply },
        },
      },
      async (req) => service.reveal(actorOf(req), req.params.id, req.body.field, metaOf(req)),
    );

    // ---- API tokens ----------------------------------------------------------------------------
    app.get(
      '/tokens',
      {
        preHandler: requireAnyPermission('tokens.manage_own', 'tokens.manage_any'),
        schema: {
          operationId: 'tokens.list',
          tags: ['tokens'],
          summary: 'Your API tokens, or those of users in your scope',
          querystring: tokensListQuery,
          response: { 200: tokensListReply },
        },
      },
      async (req) => service.listTokens(actorOf(req), req.query.userId),
    );

    app.post(
      '/tokens',
      {
        preHandler: requireAnyPermission('tokens.manage_own', 'tokens.manage_any'),
        schema: {
          operationId: 'tokens.create',
          tags: ['tokens'],
          summary: 'Create an API token; the secret is shown only in this answer',
          body: createTokenBody,
          response: { 201: createTokenReply },
        },
      },
      async (req, reply) => {
        const r = await service.createToken(actorOf(req), req.body, metaOf(req));
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/tokens/:id/revoke',
      {
        preHandler: requireAnyPermission('tokens.manage_own', 'tokens.manage_any'),
        schema: {
          operationId: 'tokens.revoke',
          tags: ['tokens'],
          summary: 'Revoke an API token',
          params: tokenIdParams,
          response: { 200: tokenSchema },
        },
      },
      async (req) => service.revokeToken(actorOf(req), req.params.id, metaOf(req)),
    );
  };
}

/**
 * The identity module's plugin. Wrapped with fastify-plugin so the authentication hook lands on
 * the root instance; the routes themselves are registered under the prefix app.ts asks for.
 */
export function identityRoutes(
  deps: PlatformDeps,
  service = createIdentityService(deps),
): FastifyPluginAsync {
  return fp(
    async (root, opts: { prefix?: string }) => {
      installAuthHooks(root, service, deps);
      await root.register(apiRoutes(deps, service), { prefix: opts.prefix ?? '/api/v1' });
    },
    { name: 'nuanxin-identity', fastify: '5.x' },
  );
}
