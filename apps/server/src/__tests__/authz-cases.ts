import { appealsAuthzCases } from '../modules/appeals/appeals.authz.ts';
import { appealsMetricsAuthzCases } from '../modules/appeals/appeals.metrics.authz.ts';
import { auditAuthzCases } from '../modules/audit/audit.authz.ts';
import { dutyAuthzCases } from '../modules/duty/duty.authz.ts';
import { greenChannelAuthzCases } from '../modules/green-channel/green-channel.authz.ts';
import { identityAuthzCases } from '../modules/identity/identity.authz.ts';
import { notificationsAuthzCases } from '../modules/notifications/notifications.authz.ts';
import { orgsAuthzCases } from '../modules/orgs/orgs.authz.ts';
import { projectsAuthzCases } from '../modules/projects/projects.authz.ts';
import { wishesAuthzCases } from '../modules/wishes/wishes.authz.ts';
import { calendarAuthzCases } from '../platform/calendar/calendar.authz.ts';
import type { AuthzCase } from '../platform/testing/authz.ts';

/** Every module's authorisation cases. Add a line when a module gets routes. */
export const authzCases: AuthzCase[] = [
  ...identityAuthzCases,
  ...auditAuthzCases,
  ...notificationsAuthzCases,
  ...orgsAuthzCases,
  ...appealsAuthzCases,
  ...appealsMetricsAuthzCases,
  ...calendarAuthzCases,
  ...dutyAuthzCases,
  ...wishesAuthzCases,
  ...greenChannelAuthzCases,
  ...projectsAuthzCases,
];
