/**
 * E-bike parking zones 专属停放区 (POS-11) and compound-access notes 小区进门 (INT-02 小区进门难):
 * enums, Chinese labels and the gate-code rule, without zod, so the web app can use them in forms
 * (docs/contract-stations.md).
 */

export const PARKING_ZONE_STATUSES = ['planned', 'in_place', 'removed'] as const;
export type ParkingZoneStatus = (typeof PARKING_ZONE_STATUSES)[number];
export const PARKING_ZONE_STATUS_LABELS: Record<ParkingZoneStatus, string> = {
  planned: '规划中',
  in_place: '已设置',
  removed: '已撤除',
};
/** The statuses a public map shows (a removed zone leaves the map). */
export const PARKING_ZONE_PUBLIC_STATUSES = [
  'planned',
  'in_place',
] as const satisfies readonly ParkingZoneStatus[];

export const COMPOUND_ENTRIES = ['may_enter', 'park_outside', 'gate_code', 'call_guard', 'no_entry'] as const;
export type CompoundEntry = (typeof COMPOUND_ENTRIES)[number];
export const COMPOUND_ENTRY_LABELS: Record<CompoundEntry, string> = {
  may_enter: '可进入',
  park_outside: '停门外',
  gate_code: '需门禁码',
  call_guard: '联系门岗',
  no_entry: '禁止进入',
};

export const COMPOUND_ACCESS_STATUSES = ['reported', 'confirmed', 'rejected'] as const;
export type CompoundAccessStatus = (typeof COMPOUND_ACCESS_STATUSES)[number];
export const COMPOUND_ACCESS_STATUS_LABELS: Record<CompoundAccessStatus, string> = {
  reported: '待确认',
  confirmed: '已确认',
  rejected: '未通过',
};

export const COMPOUND_REVIEW_DECISIONS = ['confirm', 'reject'] as const;
export type CompoundReviewDecision = (typeof COMPOUND_REVIEW_DECISIONS)[number];

/** Longest note 备注 of a compound-access report. */
export const COMPOUND_NOTE_MAX = 200;
/** Reports of the same compound (same name) within this distance are shown to staff as duplicates. */
export const COMPOUND_DUPLICATE_RADIUS_M = 150;

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const CHINESE_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const CHINESE_DIGIT = /[零〇一二三四五六七八九]/g;
/** Spaces, dashes, dots and the keypad's * and # between two digits: "12 34", "1-2-3-4", "#1234*". */
const BETWEEN_DIGITS = /(?<=\d)[\s\-_.·,，、*#]+(?=\d)/g;
const FOUR_TO_EIGHT = /(?<!\d)\d{4,8}(?!\d)/;

/**
 * Whether `text` holds a run of 4–8 digits, the shape of a gate code 门禁码. Gate codes are never
 * stored (riders learn them from the resident), so a report containing one is refused with
 * `compound_access.no_codes`. Full-width digits and Chinese numerals count as digits, and spaces,
 * dashes, dots, `*` and `#` between digits do not break a run.
 */
export function containsGateCode(text: string | null | undefined): boolean {
  if (!text) return false;
  const normalised = text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(CHINESE_DIGIT, (d) => CHINESE_DIGITS[d] ?? d)
    .replace(BETWEEN_DIGITS, '');
  return FOUR_TO_EIGHT.test(normalised);
}

/**
 * The key two reports of the same compound share: the name without spaces and punctuation,
 * full-width letters and digits folded, lower case. 「嘉州 花园（东区）」 and 「嘉州花园东区」 match.
 */
export function compoundNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
