import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../identity.seed.ts';

/** The session token from a reply's Set-Cookie, or '' when none was set. */
export function cookieOf(res: LightMyRequestResponse): string {
  const header = sessionCookieHeader(res);
  return header ? header.split(';')[0]!.slice('nx_session='.length) : '';
}

/** The whole `nx_session` Set-Cookie header of a reply. */
export function sessionCookieHeader(res: LightMyRequestResponse): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.find((x): x is string => typeof x === 'string' && x.startsWith('nx_session='));
}

let ipN = 0;
/** A new client address for each call, so the per-address sign-in limit never interferes. */
export const freshIp = () => `198.51.100.${(++ipN % 250) + 1}`;

export interface Signed {
  cookie: string;
  csrf: string;
}

/** An HTTP client for one app: sign-in and cookie-authenticated requests with the CSRF header. */
export function client(app: FastifyInstance) {
  const login = (login: string, password = DEMO_PASSWORD, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password, ...extra },
      remoteAddress: freshIp(),
    });
  return {
    login,
    async signIn(name: string): Promise<Signed> {
      const res = await login(name);
      expect(res.statusCode).toBe(200);
      return { cookie: cookieOf(res), csrf: res.json().csrfToken as string };
    },
    get: (url: string, s?: Signed) =>
      app.inject({
        method: 'GET',
        url: `/api/v1${url}`,
        ...(s ? { cookies: { nx_session: s.cookie } } : {}),
      }),
    send: (method: 'POST' | 'PATCH' | 'DELETE', url: string, s: Signed, payload?: Record<string, unknown>) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        cookies: { nx_session: s.cookie },
        headers: { 'x-csrf-token': s.csrf },
        remoteAddress: freshIp(),
        ...(payload ? { payload } : {}),
      }),
  };
}
