import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { dutyRota, dutyShift } from './duty.tables.ts';

/** Demo slots of a day (Asia/Shanghai): night, office day, evening — 24 hours without a gap. */
const SLOTS: readonly [string, string][] = [
  ['00:00', '08:30'],
  ['08:30', '17:30'],
  ['17:30', '24:00'],
];

const DAY_MS = 86_400_000;

function at(day: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(day.getTime() + (h * 60 + m) * 60_000);
}

/**
 * A 24×7 rota for 市中区 and 沙湾区: the district dispatcher first, the district administrator
 * next, from the Monday a week back to five weeks ahead. Idempotent per rota (by organisation
 * and name): an existing rota is left as it is.
 */
export async function seedDemoDuty(
  tx: Db,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
  now: Date = new Date(),
): Promise<number> {
  const plans = [
    { org: 'szq.lxgw', region: '511102', name: '市中区24小时值班', people: ['szq.dispatch', 'szq.admin'] },
    { org: 'swq.lxgw', region: '511111', name: '沙湾区24小时值班', people: ['swq.dispatch', 'swq.admin'] },
  ];
  // Monday 00:00 Asia/Shanghai of the previous week.
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const dow = (local.getUTCDay() + 6) % 7;
  const today = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3_600_000,
  );
  const start = new Date(today.getTime() - (dow + 7) * DAY_MS);
  let created = 0;
  for (const p of plans) {
    const orgId = orgIds[p.org];
    const users = p.people.map((l) => userIds[l]).filter((u): u is string => !!u);
    if (!orgId || users.length === 0) continue;
    const existing = await tx
      .select({ id: dutyRota.id })
      .from(dutyRota)
      .where(and(eq(dutyRota.orgId, orgId), eq(dutyRota.name, p.name)));
    if (existing.length > 0) continue;
    const [rota] = await tx
      .insert(dutyRota)
      .values({ orgId, regionCode: p.region, name: p.name })
      .returning();
    const rows: (typeof dutyShift.$inferInsert)[] = [];
    for (let d = 0; d < 42; d++) {
      const day = new Date(start.getTime() + d * DAY_MS);
      for (const [s, e] of SLOTS)
        for (const [i, userId] of users.entries())
          rows.push({ rotaId: rota!.id, userId, startsAt: at(day, s), endsAt: at(day, e), sortOrder: i });
    }
    await tx.insert(dutyShift).values(rows);
    created += 1;
  }
  return created;
}
