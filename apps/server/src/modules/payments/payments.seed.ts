import type { OperatingStream } from '@nuanxin/shared';
import { eq, inArray } from 'drizzle-orm';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { station } from '../stations/stations.tables.ts';
import { monthOf } from './payments.rules.ts';
import { operatingEntry } from './payments.tables.ts';

/**
 * Demo operating accounts (HUB-07 "市场化+公益性", CAN-01 "政府支持+慈善助力"): this month's and
 * last month's subsidy, fees, charity, cost and welfare-discount lines of the G348 暖心之家 and the
 * 人民食堂. The paid-service income comes from the demo bookings and orders (their payments).
 * Illustrative figures, not the stations' real books. Idempotent: a station with lines is left alone.
 */
const LINES: Record<string, { stream: OperatingStream; yuan: number; note: string }[]> = {
  '沙湾区G348“暖心之家”': [
    { stream: 'subsidy', yuan: 20_000, note: '区级财政运营补贴（月度）' },
    { stream: 'extended_service', yuan: 3_200, note: '车辆维修、洗车合作商户服务费' },
    { stream: 'cost', yuan: 26_500, note: '水电、保洁、值守人员' },
    { stream: 'welfare_cost', yuan: 6_800, note: '1元住宿、10元套餐的公益让利' },
  ],
  沙湾区人民食堂: [
    { stream: 'subsidy', yuan: 15_000, note: '社区食堂运营补贴' },
    { stream: 'charity', yuan: 5_000, note: '慈善助力：困难居民送餐' },
    { stream: 'cost', yuan: 38_000, note: '食材、燃气、厨师和服务人员' },
    { stream: 'welfare_cost', yuan: 4_200, note: '困难居民免费餐' },
  ],
};

export async function seedDemoOperatingAccounts(
  deps: PlatformDeps,
  userIds: Record<string, string>,
  now = new Date(),
): Promise<{ created: number }> {
  const by = userIds['swq.admin'];
  if (!by) return { created: 0 };
  const thisMonth = monthOf(now);
  const lastMonth = monthOf(new Date(new Date(`${thisMonth}-01T00:00:00+08:00`).getTime() - 86_400_000));
  return inTransaction(deps.database, async ({ tx }) => {
    const stations = await tx
      .select({ id: station.id, name: station.name })
      .from(station)
      .where(inArray(station.name, Object.keys(LINES)));
    let created = 0;
    for (const s of stations) {
      const has = await tx
        .select({ id: operatingEntry.id })
        .from(operatingEntry)
        .where(eq(operatingEntry.stationId, s.id))
        .limit(1);
      if (has.length > 0) continue;
      const rows = [lastMonth, thisMonth].flatMap((month, i) =>
        (LINES[s.name] ?? []).map((l) => ({
          stationId: s.id,
          month,
          stream: l.stream,
          // Last month's figures a little different from this month's.
          amountFen: Math.round(l.yuan * (i === 0 ? 0.93 : 1)) * 100,
          note: l.note,
          createdBy: by,
        })),
      );
      if (rows.length > 0) await tx.insert(operatingEntry).values(rows);
      created += rows.length;
    }
    return { created };
  });
}
