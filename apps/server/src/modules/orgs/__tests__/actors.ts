import { permissionsOf, type Role } from '@nuanxin/shared';
import type { Actor, ScopedGrant } from '../../../platform/auth/actor.ts';

/** A test actor holding `grants` (role + org and/or region scope). */
export function testActor(grants: Omit<ScopedGrant, 'id' | 'orgPath'>[], name = 'tester'): Actor {
  const roles = [...new Set(grants.map((g) => g.role))] as Role[];
  return {
    userId: '00000000-0000-7000-8000-000000000001',
    name,
    kind: roles.every((r) => r === 'worker') ? 'worker' : 'staff',
    isPartyMember: false,
    grants: grants.map((g, i) => ({ ...g, id: `00000000-0000-7000-8000-00000000010${i}`, orgPath: null })),
    roles,
    permissions: new Set(permissionsOf(roles)),
    sessionId: null,
    tokenId: null,
  };
}
