import type { ModuleDefinition } from '../index.ts';
import './stations.events.ts';
import './stations.files.ts';
import { stationKeepersRoutes } from './stations.keepers.routes.ts';
import { parkingAccessRoutes, registerParkingAccess } from './stations.parking.module.ts';
import { stationsRoutes } from './stations.routes.ts';
import { seedServiceCatalogue } from './stations.seed.ts';

/**
 * Service positions 阵地 (docs/contract-stations.md): stations, their services, hours, live
 * status and capacity, the public map feed and the QR check-in. Other modules react to its
 * `station.*` events.
 */
export const stationsModule: ModuleDefinition = {
  name: 'stations',
  routes: (deps) => async (app) => {
    await app.register(stationsRoutes(deps));
    await app.register(stationKeepersRoutes(deps));
    await app.register(parkingAccessRoutes(deps));
  },
  async register(deps) {
    // Reference data every database needs (the five basic services are a rule): insert what is
    // missing at each start, never overwrite what staff changed.
    await seedServiceCatalogue(deps.database.db);
    registerParkingAccess(deps);
  },
};

export { STATION_EVENTS, type StationChange, type StationEventPayload } from './stations.events.ts';
export { hoursText, isOpenAt, parseHours } from './stations.hours.ts';
export { DEMO_STATIONS, seedDemoStations, seedServiceCatalogue } from './stations.seed.ts';
export { createStationsService, type StationsService, syncStationCapacity } from './stations.service.ts';
