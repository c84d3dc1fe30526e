import type { FastifyPluginAsync } from 'fastify';
import type { PlatformDeps } from '../platform/deps.ts';

/**
 * Every module, listed explicitly (no discovery magic). A module contributes routes under
 * /api/v1, and later handlers for other modules' events and scheduled jobs.
 */
export interface ModuleDefinition {
  name: string;
  routes: (deps: PlatformDeps) => FastifyPluginAsync;
}

export const modules: ModuleDefinition[] = [];
