import {
  createDeliveryBody,
  deliveryIdParams,
  okSchema,
  residentCodeBody,
  residentDeliveriesReply,
  residentDeliverySchema,
  residentMeReply,
  residentSignInBody,
} from '@nuanxin/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { metaOf } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, unauthenticated } from '../../platform/http/errors.ts';
import {
  createResidentService,
  RESIDENT_COOKIE,
  RESIDENT_COOKIE_PATH,
  type ResidentAuth,
  type ResidentService,
} from './deliveries.resident.ts';
import type { DeliveriesService } from './deliveries.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The resident's self-service session, resolved by the resident routes' hook. */
    resident: ResidentAuth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Like the account sign-in routes: ten a minute from one address. */
const CODE_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } } as const;

const residentOf = (req: FastifyRequest): ResidentAuth => {
  if (!req.resident) throw unauthenticated();
  return req.resident;
};

const cancelBody = z.object({ reason: z.string().trim().max(200).optional() });

/**
 * `/api/v1/resident/*`: residents' self-service for home meal delivery (CAN-05,
 * docs/deliveries.md "Residents"). Public sign-in by SMS code to the phone on the community's
 * register; then the resident's own requests: list, file, cancel before a rider takes it, confirm
 * receipt. The routes ignore worker and staff sessions (`residentSession`), and changes need the
 * resident session's own X-CSRF-Token.
 */
export function residentRoutes(
  deps: PlatformDeps,
  deliveries: DeliveriesService,
  svc?: ResidentService,
): FastifyPluginAsyncZod {
  const service = svc ?? createResidentService(deps);
  const tags = ['resident'];
  const secure = deps.config.publicUrl.startsWith('https:');
  return async (app) => {
    app.decorateRequest('resident', null);
    app.addHook('onRequest', async (req) => {
      const resident = await service.authenticate(req.cookies[RESIDENT_COOKIE]);
      if (resident && UNSAFE.has(req.method) && !req.routeOptions.config.signIn) {
        const header = req.headers['x-csrf-token'];
        if (!service.csrfValid(resident.sessionId, typeof header === 'string' ? header : undefined))
          throw new AppError('common.csrf', 'Missing or wrong X-CSRF-Token');
      }
      req.resident = resident;
    });
    const open = { residentSession: true } as const;

    app.post(
      '/resident/code',
      {
        config: { ...open, signIn: true, ...CODE_LIMIT },
        schema: {
          operationId: 'resident.code',
          tags,
          summary: 'Send a 6-digit code to a phone on the home-delivery register',
          description:
            'One code a minute, ten a day. The answer is the same whether or not the phone is registered; only a registered one gets an SMS.',
          body: residentCodeBody,
          response: { 200: z.object({ sent: z.literal(true), retryAfterSeconds: z.number().int() }) },
        },
      },
      async (req) => ({ sent: true as const, ...(await service.requestCode(req.body.phone, metaOf(req))) }),
    );

    app.post(
      '/resident/session',
      {
        config: { ...open, signIn: true, ...CODE_LIMIT },
        schema: {
          operationId: 'resident.signIn',
          tags,
          summary: 'Open a resident session with the SMS code (sets the resident cookie)',
          description:
            'Five wrong codes void the code. A phone not on the register answers like a wrong code.',
          body: residentSignInBody,
          response: { 200: residentMeReply },
        },
      },
      async (req, reply) => {
        const s = await service.signIn(req.body.phone, req.body.code, metaOf(req));
        reply.setCookie(RESIDENT_COOKIE, s.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure,
          path: RESIDENT_COOKIE_PATH,
          maxAge: s.maxAgeSeconds,
        });
        const auth = await service.authenticate(s.token);
        return service.me(auth!);
      },
    );

    app.get(
      '/resident/me',
      {
        config: open,
        schema: {
          operationId: 'resident.me',
          tags,
          summary: 'The residents of the session, their canteens within 5 km, and the CSRF token',
          response: { 200: residentMeReply },
        },
      },
      async (req) => service.me(residentOf(req)),
    );

    app.delete(
      '/resident/session',
      {
        config: open,
        schema: {
          operationId: 'resident.signOut',
          tags,
          summary: 'End the resident session',
          response: { 200: okSchema },
        },
      },
      async (req, reply) => {
        await service.signOut(residentOf(req), metaOf(req));
        reply.clearCookie(RESIDENT_COOKIE, { path: RESIDENT_COOKIE_PATH });
        return { ok: true as const };
      },
    );

    app.get(
      '/resident/deliveries',
      {
        config: open,
        schema: {
          operationId: 'resident.deliveries',
          tags,
          summary: 'The residents’ requests of the last week and ahead, with their receipt codes',
          response: { 200: residentDeliveriesReply },
        },
      },
      async (req) => deliveries.residentList(residentOf(req).scope),
    );

    app.post(
      '/resident/deliveries',
      {
        config: open,
        schema: {
          operationId: 'resident.file',
          tags,
          summary: 'A resident asks for a meal at home (the staff rules; at most 7 days ahead)',
          body: createDeliveryBody,
          response: { 201: residentDeliverySchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await deliveries.residentFile(residentOf(req).scope, metaOf(req), req.body)),
    );

    app.post(
      '/resident/deliveries/:id/cancel',
      {
        config: open,
        schema: {
          operationId: 'resident.cancel',
          tags,
          summary: 'Cancel a request nobody has taken yet',
          params: deliveryIdParams,
          body: cancelBody,
          response: { 200: residentDeliverySchema },
        },
      },
      async (req) =>
        deliveries.residentCancel(residentOf(req).scope, metaOf(req), req.params.id, req.body.reason),
    );

    app.post(
      '/resident/deliveries/:id/confirm',
      {
        config: open,
        schema: {
          operationId: 'resident.confirm',
          tags,
          summary: 'Confirm the meal was received',
          params: deliveryIdParams,
          response: { 200: residentDeliverySchema },
        },
      },
      async (req) => deliveries.residentConfirm(residentOf(req).scope, metaOf(req), req.params.id),
    );
  };
}
