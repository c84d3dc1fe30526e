import type { Permission, Role } from '@nuanxin/shared';

/** A role held within a scope: an organisation subtree and/or a region (and the regions below). */
export interface ScopedGrant {
  id: string;
  role: Role;
  orgId: string | null;
  /** Materialised path of the scoping organisation (`<id>/<id>/…`), for subtree checks in SQL. */
  orgPath: string | null;
  regionCode: string | null;
}

/** Who is acting, resolved once per request from the session cookie or a bearer token. */
export interface Actor {
  userId: string;
  name: string;
  kind: 'worker' | 'staff';
  isPartyMember: boolean;
  grants: ScopedGrant[];
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  sessionId: string | null;
  tokenId: string | null;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

/** The system itself acting (jobs, seeding, CLI) — audited as such. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  name: 'system',
  kind: 'staff',
  isPartyMember: false,
  grants: [],
  roles: [],
  permissions: new Set(),
  sessionId: null,
  tokenId: null,
};
