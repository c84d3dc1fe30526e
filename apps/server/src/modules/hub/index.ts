import type { ModuleDefinition } from '../index.ts';
import './hub.events.ts';
import { hubRoutes } from './hub.routes.ts';

/**
 * The 暖心之家 truck-driver hub (HUB-01, HUB-03, HUB-09; docs/hub.md): rooms, beds, truck bays,
 * cameras, the tariff and bookings with their charge through payments; the bookings board and
 * the room TV page.
 */
export const hubModule: ModuleDefinition = { name: 'hub', routes: hubRoutes };

export { HUB_EVENTS, type HubBookingEventPayload } from './hub.events.ts';
export { seedDemoHub } from './hub.seed.ts';
export { createHubService, type HubService } from './hub.service.ts';
