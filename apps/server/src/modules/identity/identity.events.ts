import type { Role } from '@nuanxin/shared';

/** Events the identity module emits (past tense), added to the platform EventMap. */
declare module '../../platform/events/events.ts' {
  interface EventMap {
    'user.created': { userId: string; kind: 'worker' | 'staff'; createdBy: string | null };
    'user.disabled': { userId: string; by: string };
    'user.enabled': { userId: string; by: string };
    'user.grant_added': {
      userId: string;
      grantId: string;
      role: Role;
      orgId: string | null;
      regionCode: string | null;
    };
    'user.grant_removed': { userId: string; grantId: string; role: Role };
    'user.signed_in': { userId: string; method: 'otp' | 'password' };
  }
}

export const IDENTITY_EVENTS = [
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.grant_added',
  'user.grant_removed',
  'user.signed_in',
] as const;
