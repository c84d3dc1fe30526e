import type { PlatformDeps } from '../../platform/deps.ts';
import type { ModuleDefinition } from '../index.ts';
import { identityRoutes } from './identity.routes.ts';

/**
 * The identity module's public surface: accounts, roles and scopes, sign-in, sessions, API
 * tokens. Other modules read `request.actor` (resolved here for every /api/v1 route) and use
 * the facade below; they never touch the identity tables directly.
 */
export const identityModule: ModuleDefinition = {
  name: 'identity',
  routes: (deps: PlatformDeps) => identityRoutes(deps),
};

export type { IdentityCliContext } from './identity.cli.ts';
export { createTokenCli, createUserCli, lastOtpCli, listUsersCli } from './identity.cli.ts';
export { IDENTITY_EVENTS } from './identity.events.ts';
export {
  type CodeCheck,
  type CodePurpose,
  codeError,
  createPhoneCodes,
  type PhoneCodes,
} from './identity.phone-codes.ts';
export { canSeeUser, regionPrefix, regionWithin } from './identity.policy.ts';
export {
  type GrantReach,
  type StaffInReachRow,
  staffInReach,
  visibleUsersSql,
} from './identity.repository.ts';
export { DEMO_ORG_KEYS, DEMO_PASSWORD, type DemoOrgKey, seedDemoAccounts } from './identity.seed.ts';
export {
  createIdentityService,
  type IdentityService,
  SESSION_COOKIE,
  TOKEN_PREFIX,
} from './identity.service.ts';
