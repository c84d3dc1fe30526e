import { DISTRICT_CENTRES } from '../../lib/worker-location';

/** The station map's names for the shared worker location (lib/worker-location.ts). */
export {
  LOCATE_TIMEOUT_MS,
  type LocationStatus,
  locate,
  recentPosition,
  useWorkerLocation,
} from '../../lib/worker-location';

/** District centres (WGS-84) to fall back on. 市中区 is also the map's default centre. */
export const DISTRICTS = { szq: DISTRICT_CENTRES['511102'], swq: DISTRICT_CENTRES['511111'] } as const;
export type DistrictKey = keyof typeof DISTRICTS;
