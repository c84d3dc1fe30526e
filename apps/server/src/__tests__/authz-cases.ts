import { appealsAuthzCases } from '../modules/appeals/appeals.authz.ts';
import { appealsCatalogueAuthzCases } from '../modules/appeals/appeals.catalogue.authz.ts';
import { appealsMapAuthzCases } from '../modules/appeals/appeals.map.authz.ts';
import { appealsMetricsAuthzCases } from '../modules/appeals/appeals.metrics.authz.ts';
import { auditAuthzCases } from '../modules/audit/audit.authz.ts';
import { canteenServicesAuthzCases } from '../modules/canteen-services/canteen-services.authz.ts';
import { deliveriesAuthzCases } from '../modules/deliveries/deliveries.authz.ts';
import { dutyAuthzCases } from '../modules/duty/duty.authz.ts';
import { filesAuthzCases } from '../modules/files/files.authz.ts';
import { greenChannelAuthzCases } from '../modules/green-channel/green-channel.authz.ts';
import { hubAuthzCases } from '../modules/hub/hub.authz.ts';
import { identityAuthzCases } from '../modules/identity/identity.authz.ts';
import { mealsAuthzCases } from '../modules/meals/meals.authz.ts';
import { notificationsAuthzCases } from '../modules/notifications/notifications.authz.ts';
import { orgsAuthzCases } from '../modules/orgs/orgs.authz.ts';
import { paymentsAuthzCases } from '../modules/payments/payments.authz.ts';
import { projectsAuthzCases } from '../modules/projects/projects.authz.ts';
import { compoundAccessAuthzCases } from '../modules/stations/stations.access.authz.ts';
import { stationsAuthzCases } from '../modules/stations/stations.authz.ts';
import { stationKeepersAuthzCases } from '../modules/stations/stations.keepers.authz.ts';
import { parkingZonesAuthzCases } from '../modules/stations/stations.parking.authz.ts';
import { wishesAuthzCases } from '../modules/wishes/wishes.authz.ts';
import { calendarAuthzCases } from '../platform/calendar/calendar.authz.ts';
import { mapConfigAuthzCases } from '../platform/geo/map.authz.ts';
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
  ...appealsMapAuthzCases,
  ...mapConfigAuthzCases,
  ...appealsCatalogueAuthzCases,
  ...filesAuthzCases,
  ...parkingZonesAuthzCases,
  ...compoundAccessAuthzCases,
  ...paymentsAuthzCases,
  ...stationKeepersAuthzCases,
  ...stationsAuthzCases,
  ...hubAuthzCases,
  ...mealsAuthzCases,
  ...canteenServicesAuthzCases,
  ...deliveriesAuthzCases,
];
