import type { Permission } from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import type { Actor, RequestMeta } from './actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity module's onRequest hook from the session cookie or bearer token. */
    actor: Actor | null;
    /** How the actor was authenticated; CSRF applies only to the cookie. */
    authVia: 'cookie' | 'bearer' | null;
  }
  interface FastifyContextConfig {
    /** A sign-in endpoint: no CSRF token (there is no session yet), but a cross-site Origin is refused. */
    signIn?: boolean;
    /** Reachable by staff who must still enrol TOTP (NUANXIN_REQUIRE_STAFF_TOTP). */
    allowDuringTotpEnrolment?: boolean;
    /**
     * A resident self-service route (docs/deliveries.md "Residents"): it has its own session and
     * CSRF token, so worker and staff sessions are not resolved (nor their CSRF checked) there.
     */
    residentSession?: boolean;
  }
}

/** The signed-in actor, or 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function metaOf(req: FastifyRequest): RequestMeta {
  return { requestId: req.id, ip: req.ip };
}

/** Route guard: signed in. */
export async function requireAuth(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!req.actor) throw unauthenticated();
}

/** Route guard (coarse check): signed in and holding a role that carries `permission`. */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!req.actor) throw unauthenticated();
    if (!req.actor.permissions.has(permission)) throw forbidden(`Missing permission ${permission}`);
  };
}

/** Route guard: a staff account (the console API). */
export async function requireStaff(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!req.actor) throw unauthenticated();
  if (req.actor.kind !== 'staff') throw new AppError('common.forbidden', 'Staff only');
}
