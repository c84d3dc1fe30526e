import type { FastifyPluginAsync } from 'fastify';
import { calendarModule } from '../platform/calendar/calendar.routes.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { mapConfigModule } from '../platform/geo/map.routes.ts';
import { appealsModule } from './appeals/index.ts';
import { auditModule } from './audit/index.ts';
import { canteenServicesModule } from './canteen-services/index.ts';
import { deliveriesModule } from './deliveries/index.ts';
import { dutyModule } from './duty/index.ts';
import { filesModule } from './files/index.ts';
import { greenChannelModule } from './green-channel/index.ts';
import { hubModule } from './hub/index.ts';
import { identityModule } from './identity/index.ts';
import { mealsModule } from './meals/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { open311Module } from './open311/index.ts';
import { orgsModule } from './orgs/index.ts';
import { paymentsModule } from './payments/index.ts';
import { projectsModule } from './projects/index.ts';
import { stationsModule } from './stations/index.ts';
import { wishesModule } from './wishes/index.ts';

/**
 * Every module, listed explicitly (no discovery magic). A module contributes routes under
 * /api/v1, and later handlers for other modules' events and scheduled jobs.
 */
export interface ModuleDefinition {
  name: string;
  routes: (deps: PlatformDeps) => FastifyPluginAsync;
  /** Registers reactions to other modules' events (`deps.events.on`) and job workers (`deps.jobs.work`). */
  register?: (deps: PlatformDeps) => void | Promise<void>;
  /** Where the routes mount; '/api/v1' unless the module speaks another protocol (Open311). */
  prefix?: string;
}

export const modules: ModuleDefinition[] = [
  identityModule,
  orgsModule,
  notificationsModule,
  auditModule,
  appealsModule,
  open311Module,
  calendarModule,
  dutyModule,
  wishesModule,
  greenChannelModule,
  projectsModule,
  mapConfigModule,
  filesModule,
  stationsModule,
  canteenServicesModule,
  paymentsModule,
  mealsModule,
  hubModule,
  deliveriesModule,
];
