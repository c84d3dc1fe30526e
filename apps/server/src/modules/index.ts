import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../platform/deps.ts';
import { auditModule } from './audit/index.ts';
import { identityModule } from './identity/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { orgsModule } from './orgs/index.ts';

/**
 * Every module, listed explicitly (no discovery magic). A module contributes routes under
 * /api/v1, and later handlers for other modules' events and scheduled jobs.
 */
export interface ModuleDefinition {
  name: string;
  routes: (deps: PlatformDeps) => FastifyPluginAsync;
  /** Registers reactions to other modules' events (`deps.events.on`) and job workers (`deps.jobs.work`). */
  register?: (deps: PlatformDeps) => void | Promise<void>;
}

export const modules: ModuleDefinition[] = [identityModule, orgsModule, notificationsModule, auditModule];
