import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { registerAttachmentTarget } from '../files/index.ts';
import { mayRead } from './stations.policy.ts';
import * as repo from './stations.repository.ts';
import { resolveStationScope } from './stations.service.ts';

/**
 * A station's photos are for everyone signed in while the station is on the map (active or
 * paused); a closed station's only for those who read it in the console — the same rule as its
 * page. Registered with the files module when the stations module is loaded.
 */
export async function stationVisibleTo(db: Db, actor: Actor, id: string): Promise<boolean> {
  const row = await repo.getStation(db, id);
  if (!row) return false;
  if (row.status !== 'closed') return true;
  const scope = await resolveStationScope(db, actor);
  const ctx = await repo.stationContext(db, row);
  const isKeeper = scope.canKeep ? await repo.isKeeper(db, row.id, actor.userId) : false;
  return mayRead(scope, { regionCode: row.regionCode, operatorPath: ctx.operatorPath, isKeeper });
}

registerAttachmentTarget('station', stationVisibleTo);
