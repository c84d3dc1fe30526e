import type { AppealState } from '@nuanxin/shared';
import type { Db } from '../../../platform/db/client.ts';
import { appeal } from '../appeals.tables.ts';

/** Cases placed on a grid for the map tests, written straight into the table (no timeline). */

export interface MapCase {
  id?: string;
  caseNo: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  state: AppealState;
  categoryId: string;
  createdBy: string;
  reporterUserId: string | null;
  /** Resolve deadline (the overdue test looks at it for dispatched/returned/handling). */
  dueAt: Date | null;
  dispatchDueAt: Date | null;
}

const STATES: AppealState[] = ['submitted', 'accepted', 'handling', 'handling', 'closed', 'resolved'];
export const HOUR = 3_600_000;

/** 市中区 and 沙湾区 centres (WGS-84), as in the demo data. */
export const SZQ = { lat: 29.5521, lng: 103.7656, region: '511102004' } as const;
export const SWQ = { lat: 29.4131, lng: 103.5494, region: '511111100' } as const;

/**
 * `cols × rows` cases around `centre`, `step` degrees apart (the grid starts at the centre and
 * grows north-east). States cycle through {@link STATES}; every third handling case is past its
 * deadline, and so is every submitted case with an even index.
 */
export function gridCases(
  prefix: string,
  centre: { lat: number; lng: number; region: string },
  cols: number,
  rows: number,
  step: number,
  base: { categoryIds: readonly string[]; createdBy: string; reporterUserId: string | null; now: Date },
): MapCase[] {
  const out: MapCase[] = [];
  for (let i = 0; i < cols * rows; i++) {
    const state = STATES[i % STATES.length]!;
    const past = new Date(base.now.getTime() - 2 * HOUR);
    const future = new Date(base.now.getTime() + 48 * HOUR);
    out.push({
      caseNo: `SQ-${prefix}-${String(i).padStart(5, '0')}`,
      regionCode: centre.region,
      lat: Number((centre.lat + Math.floor(i / cols) * step).toFixed(6)),
      lng: Number((centre.lng + (i % cols) * step).toFixed(6)),
      state,
      categoryId: base.categoryIds[i % base.categoryIds.length]!,
      createdBy: base.createdBy,
      reporterUserId: base.reporterUserId,
      dueAt: state === 'handling' ? (i % 3 === 0 ? past : future) : null,
      dispatchDueAt: state === 'submitted' ? (i % 2 === 0 ? past : future) : null,
    });
  }
  return out;
}

/** Whether the map's overdue rule holds for a case at `now` (the states the fixtures use). */
export function isOverdueAt(c: MapCase, now: Date): boolean {
  if (['dispatched', 'returned', 'handling'].includes(c.state) && c.dueAt && c.dueAt < now) return true;
  if (['submitted', 'accepted'].includes(c.state) && c.dispatchDueAt && c.dispatchDueAt < now) return true;
  return false;
}

export async function insertMapCases(db: Db, cases: MapCase[]): Promise<void> {
  for (let i = 0; i < cases.length; i += 500) {
    const chunk = cases.slice(i, i + 500);
    const rows = await db
      .insert(appeal)
      .values(
        chunk.map((c) => ({
          caseNo: c.caseNo,
          type: 'help' as const,
          categoryId: c.categoryId,
          channel: 'app' as const,
          state: c.state,
          createdBy: c.createdBy,
          reporterUserId: c.reporterUserId,
          description: '地图测试：这里需要一个电动车停放点',
          regionCode: c.regionCode,
          lat: c.lat,
          lng: c.lng,
          dueAt: c.dueAt,
          dispatchDueAt: c.dispatchDueAt,
        })),
      )
      .returning({ id: appeal.id });
    rows.forEach((r, j) => {
      chunk[j]!.id = r.id;
    });
  }
}
