import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/db/ids.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import * as repo from './hub.repository.ts';
import { createHubService } from './hub.service.ts';
import { hubCamera, hubRoom, hubTariff } from './hub.tables.ts';

/** The demo hub: 沙湾区G348“暖心之家” (docs/hub.md). */
export const DEMO_HUB_STATION = '沙湾区G348“暖心之家”';

const CAMERAS = [
  { code: 'C1', name: '停车场东区', area: '东区 P01–P05' },
  { code: 'C2', name: '停车场西区', area: '西区 P06–P10' },
  { code: 'C3', name: '停车场南区', area: '南区 P11–P15' },
  { code: 'C4', name: '停车场入口', area: '入口与北区 P16–P20' },
];

/** Services of the hub from the catalogue (HUB-01…06, HUB-09); the stations seed already lists them. */
export const HUB_SERVICE_CODES = [
  'lodging',
  'truck_parking',
  'set_meal',
  'road_rescue',
  'enforcement_desk',
  'legal_aid',
] as const;

/**
 * Rooms 101–106 and 201–206 with beds A and B, cameras C1–C4 showing the server's placeholder
 * picture, bays P01–P20 (five per camera), the tariff 1 yuan with own bedding / 30 yuan without,
 * and tonight a guest checked in with a truck bay (李师傅, worker2). Skipped when the station has
 * rooms already or does not exist.
 */
export async function seedDemoHub(
  deps: PlatformDeps,
  userIds: Record<string, string>,
): Promise<{ created: boolean }> {
  const db = deps.database.db;
  const r = await db.execute(sql`select id from station where name = ${DEMO_HUB_STATION} limit 1`);
  const stationId = (r as unknown as { rows: { id: string }[] }).rows[0]?.id;
  if (!stationId) return { created: false };
  if ((await db.select({ id: hubRoom.id }).from(hubRoom).where(eq(hubRoom.stationId, stationId))).length > 0)
    return { created: false };
  const base = new URL(deps.config.publicUrl).origin;
  const hub = createHubService(deps);
  await inTransaction(deps.database, async (uow) => {
    const { tx } = uow;
    await repo.lockStation(tx, stationId);
    await tx
      .update(hubTariff)
      .set({ ownBeddingFen: 100, withoutBeddingFen: 3000, bayFen: 0 })
      .where(eq(hubTariff.stationId, stationId));
    const cameraIds: string[] = [];
    for (const c of CAMERAS) {
      const id = newId();
      await tx.insert(hubCamera).values({
        id,
        stationId,
        code: c.code,
        name: c.name,
        area: c.area,
        snapshotUrl: `${base}/api/v1/hub/cameras/${id}/placeholder`,
      });
      cameraIds.push(id);
    }
    for (const floor of [1, 2])
      for (let n = 1; n <= 6; n++) {
        const code = `${floor}0${n}`;
        const room = await repo.insertRoom(tx, {
          stationId,
          code,
          name: `${code}房`,
          floor,
          tvKey: crypto.randomBytes(18).toString('base64url'),
        });
        if (room) await repo.insertBeds(tx, room, ['A', 'B']);
      }
    for (let i = 1; i <= 20; i++)
      await repo.insertBay(tx, {
        stationId,
        code: `P${String(i).padStart(2, '0')}`,
        lengthM: i <= 10 ? 17.5 : 13,
        cameraId: cameraIds[Math.floor((i - 1) / 5)]!,
      });
    await writeAudit(tx, SYSTEM_ACTOR, null, {
      action: 'seed.demo',
      entityType: 'hub_room',
      note: 'Demo hub: 12 rooms × 2 beds, 20 truck bays, 4 cameras',
    });
    await hub.syncCapacity(uow, stationId);
  });

  // Tonight: 李师傅 is checked in with his truck on a bay (through the service: charge, audit, capacity).
  const guestId = userIds.worker2;
  const keeperId = userIds['swq.keeper'];
  if (guestId && keeperId) {
    const guest = actorFor(guestId, '李师傅', 'worker', 'worker');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const { booking } = await hub.book(guest, null, stationId, {
      from: today,
      nights: 2,
      ownBedding: true,
      bay: true,
      plate: '川L12345',
      bedId: null,
      bayId: null,
    });
    const keeper = actorFor(keeperId, '沙湾区驿站站长', 'staff', 'station_keeper', {});
    await hub.checkIn(keeper, null, booking.id).catch((err: unknown) => {
      deps.log.warn({ err }, 'demo hub: check-in of the demo guest failed');
    });
  }
  return { created: true };
}
