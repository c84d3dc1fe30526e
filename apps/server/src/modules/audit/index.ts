import type { ModuleDefinition } from '../index.ts';
import { auditRoutes } from './audit.routes.ts';

/**
 * Reading the audit log. Writing it is platform/audit's `writeAudit`, called by every use case in
 * its own transaction; this module only searches.
 */
export const auditModule: ModuleDefinition = { name: 'audit', routes: auditRoutes };
