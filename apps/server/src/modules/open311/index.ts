import type { ModuleDefinition } from '../index.ts';
import { open311Routes } from './open311.routes.ts';

/**
 * Open311 GeoReport v2 at /open311/v2 (docs/open311.md): the appeals closed loop published in
 * the civic-tech standard. It reads and files cases only through the appeals module's facade.
 */
export const open311Module: ModuleDefinition = {
  name: 'open311',
  prefix: '/open311/v2',
  routes: (deps) => open311Routes(deps),
};
