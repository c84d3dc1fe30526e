/**
 * Roles of Nuanxin (design/product.md "Who uses it"). `party_member` is a flag on a worker, not a
 * login. The three separated administrators follow MLPS level 3 (GB/T 22239-2019 8.1.4.2 d).
 */
export const STAFF_ROLES = [
  'station_keeper',
  'community_staff',
  'department_handler',
  'dispatcher',
  'industry_committee_admin',
  'district_admin',
  'platform_liaison',
  'merchant',
  'system_admin',
  'security_admin',
  'auditor',
] as const;

export const ROLES = ['worker', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Permission names are `<module>.<verb>`; roles map to permissions in one table. */
export const PERMISSIONS = [
  'me.read',
  'users.list',
  'users.create',
  'users.update',
  'users.disable',
  'users.reset_password',
  'users.grant',
  'users.reveal_pii',
  'tokens.manage_own',
  'tokens.manage_any',
  'audit.read',
  'orgs.read',
  'orgs.manage',
  'regions.read',
  'notifications.read',
  'settings.manage',
  'appeals.create',
  'appeals.read',
  'appeals.handle',
  'appeals.dispatch',
  'appeals.supervise',
  'appeals.metrics',
  'appeals.freeze',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Role → permissions. Scope (which organisations and regions) is checked separately in policies
 * and SQL filters; this table only says what kind of act a role may do at all.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  worker: [
    'me.read',
    'notifications.read',
    'tokens.manage_own',
    'regions.read',
    'appeals.create',
    'appeals.read',
  ],
  station_keeper: ['me.read', 'notifications.read', 'orgs.read', 'regions.read'],
  community_staff: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'regions.read',
    'appeals.create',
    'appeals.read',
    'appeals.handle',
  ],
  department_handler: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'regions.read',
    'appeals.read',
    'appeals.handle',
  ],
  dispatcher: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'regions.read',
    'appeals.create',
    'appeals.read',
    'appeals.dispatch',
    'appeals.supervise',
    'appeals.metrics',
  ],
  industry_committee_admin: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'regions.read',
    'users.list',
    'appeals.read',
    'appeals.supervise',
    'appeals.metrics',
  ],
  district_admin: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'orgs.manage',
    'regions.read',
    'users.list',
    'users.create',
    'users.update',
    'users.disable',
    'users.reset_password',
    'users.grant',
    'users.reveal_pii',
    'tokens.manage_own',
    'tokens.manage_any',
    'appeals.read',
    'appeals.supervise',
    'appeals.metrics',
    'appeals.freeze',
  ],
  platform_liaison: ['me.read', 'notifications.read', 'regions.read', 'tokens.manage_own'],
  merchant: ['me.read', 'notifications.read', 'regions.read'],
  system_admin: ['me.read', 'notifications.read', 'orgs.read', 'regions.read', 'settings.manage'],
  security_admin: [
    'me.read',
    'notifications.read',
    'orgs.read',
    'regions.read',
    'users.list',
    'users.create',
    'users.update',
    'users.disable',
    'users.reset_password',
    'users.grant',
    'tokens.manage_any',
  ],
  auditor: ['me.read', 'notifications.read', 'audit.read', 'regions.read', 'orgs.read'],
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return [...set].sort();
}
