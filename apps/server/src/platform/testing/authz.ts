import type { Role } from '@nuanxin/shared';
import { ROLES } from '@nuanxin/shared';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { PlatformDeps } from '../deps.ts';

/**
 * The authorisation matrix (reliability.md §6 D). Every module keeps its cases next to its code as
 * `<module>.authz.ts` exporting `AuthzCase[]`; `src/__tests__/authz-cases.ts` lists them and the
 * matrix test runs each case for every role (plus anonymous) against a target in the actor's scope
 * and one outside it, and fails when a registered /api/v1 route has no case.
 */

/** Who acts: one seeded user per role, or nobody. */
export type AuthzRole = Role | 'anonymous';
export const AUTHZ_ROLES: readonly AuthzRole[] = [...ROLES, 'anonymous'];

/**
 * `in`: the target lies in 市中区 (511102), the district of the district-level actors.
 * `out`: the target lies in 沙湾区 (511111). City-level actors (security_admin, system_admin,
 * auditor) cover both, so their `out` usually equals their `in`.
 */
export type AuthzScope = 'in' | 'out';

/** The seeded world a case can read ids from. */
export interface AuthzWorld {
  app: FastifyInstance;
  deps: PlatformDeps;
  /** Organisation ids by key (see DEMO_ORG_KEYS in the identity seed, plus any a module adds). */
  orgs: Record<string, string>;
  /** User ids by demo login (`szq.admin`, `swq.admin`, …, and `worker1`, `worker2`). */
  users: Record<string, string>;
  /** The acting user per role (the 市中区 one where a role exists in both districts). */
  actorOf: Partial<Record<Role, string>>;
  /** Region codes: in scope (市中区) and out of scope (沙湾区). */
  regions: { in: string; out: string; city: string };
  /**
   * Headers of a brand-new session for the role (cookie + CSRF token), for cases that end or
   * rotate the session they run on (logout). `{}` for anonymous.
   */
  newSession(role: AuthzRole): Promise<Record<string, string>>;
  /** A fresh number for cases that need an unused phone. */
  uniquePhone(): string;
}

export interface AuthzRequest {
  /** The concrete URL, e.g. `/api/v1/users/0190…`. */
  url: string;
  payload?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** An expected status for both scopes, or `[in, out]`. */
export type AuthzExpectation = number | readonly [number, number];

export interface AuthzCase {
  /** The registered route, method and pattern as Fastify reports them: `POST /api/v1/users/:id/disable`. */
  route: string;
  /** A short note when one route has several cases. */
  name?: string;
  /**
   * Builds the request for one run. Called once per role × scope, so a case that changes state
   * (disable, revoke) can create a fresh target each time.
   */
  request: (world: AuthzWorld, scope: AuthzScope, role: AuthzRole) => Promise<AuthzRequest> | AuthzRequest;
  /** Expected status per acting role. Every role must be listed (use `expectRoles`). */
  expect: Record<AuthzRole, AuthzExpectation>;
}

/**
 * Builds a full expectation table: `fallback` for every role, then the listed overrides.
 * Example: `expectRoles(403, { anonymous: 401, district_admin: [200, 404], security_admin: 200 })`.
 */
export function expectRoles(
  fallback: AuthzExpectation,
  overrides: Partial<Record<AuthzRole, AuthzExpectation>> = {},
): Record<AuthzRole, AuthzExpectation> {
  const out = {} as Record<AuthzRole, AuthzExpectation>;
  for (const r of AUTHZ_ROLES) out[r] = overrides[r] ?? fallback;
  return out;
}

export function expectedStatus(e: AuthzExpectation, scope: AuthzScope): number {
  return typeof e === 'number' ? e : scope === 'in' ? e[0] : e[1];
}

/** `METHOD /pattern`, the key routes and cases are matched on. */
export function routeKey(method: HTTPMethods | string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

const ERROR_KEYS = new Set(['code', 'message', 'details', 'requestId']);

/** A denied answer must be the error envelope and nothing else. */
export function isBareError(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (!keys.includes('code') || !keys.every((k) => ERROR_KEYS.has(k))) return false;
  const details = (body as { details?: unknown }).details;
  // Validation details name paths; anything bigger would be leaking data.
  return details === undefined || JSON.stringify(details).length < 2000;
}

export interface AuthzAuth {
  /** Headers that make a request as this role (cookie + CSRF token), or none for anonymous. */
  headersFor(role: AuthzRole): Record<string, string>;
}

export interface AuthzResult {
  route: string;
  name: string | undefined;
  role: AuthzRole;
  scope: AuthzScope;
  expected: number;
  actual: number;
  leaked: boolean;
}

let ipCounter = 0;
/** A different client address per request keeps the per-IP rate limits out of the matrix. */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** Runs one case for every role and both scopes; returns the mismatches. */
export async function runAuthzCase(world: AuthzWorld, auth: AuthzAuth, c: AuthzCase): Promise<AuthzResult[]> {
  const [method] = c.route.split(' ');
  const failures: AuthzResult[] = [];
  for (const role of AUTHZ_ROLES) {
    for (const scope of ['in', 'out'] as const) {
      const req = await c.request(world, scope, role);
      const res = await world.app.inject({
        method: method as HTTPMethods,
        url: req.url,
        query: req.query,
        payload: req.payload as string | object | undefined,
        headers: { ...auth.headersFor(role), ...req.headers },
        remoteAddress: nextIp(),
      });
      const expected = expectedStatus(c.expect[role], scope);
      let leaked = false;
      if (res.statusCode >= 400) {
        let body: unknown = null;
        try {
          body = res.json();
        } catch {
          body = res.body;
        }
        leaked = !isBareError(body);
      }
      if (res.statusCode !== expected || leaked) {
        failures.push({
          route: c.route,
          name: c.name,
          role,
          scope,
          expected,
          actual: res.statusCode,
          leaked,
        });
      }
    }
  }
  return failures;
}
