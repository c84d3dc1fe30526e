/**
 * Region-code arithmetic (GB/T 2260 6-digit codes and 9-digit statistical township codes,
 * design/china.md §4.1). A region covers every region whose code starts with its prefix:
 * province `XX0000` → `XX`, city `XXXX00` → `XXXX`, county → its 6 digits, township → its 9.
 * Used for data scope on the server (in SQL as `LIKE prefix || '%'`) and for pickers in the web app.
 */
const REGION_CODE_RE = /^\d{6}(\d{3})?$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE_RE.test(code);
}

/** The prefix every code at or below `code` starts with; `null` when `code` is not a region code. */
export function regionPrefix(code: string): string | null {
  if (!REGION_CODE_RE.test(code)) return null;
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether a grant on region `scopeCode` covers region `code` (the same region or one below it). */
export function regionCovers(scopeCode: string, code: string): boolean {
  const prefix = regionPrefix(scopeCode);
  if (!prefix || !REGION_CODE_RE.test(code)) return false;
  return code.startsWith(prefix);
}

/** The level a code denotes, from its shape alone. */
export function regionLevelOf(code: string): 'province' | 'city' | 'county' | 'township' | null {
  if (!REGION_CODE_RE.test(code)) return null;
  if (code.length === 9) return 'township';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Whether a unit of region `unitCode` may handle a case (or a dispatch rule) of region
 * `caseCode`: the unit lies in the case's county — the district's departments, its townships and
 * their communities, whichever township the case is in. Another county's unit never does: a case
 * moves between districts by transfer, not by dispatch.
 */
export function unitServesRegion(unitCode: string, caseCode: string): boolean {
  if (!REGION_CODE_RE.test(unitCode) || !REGION_CODE_RE.test(caseCode)) return false;
  const county = caseCode.slice(0, 6);
  return regionLevelOf(county) === 'county' && unitCode.startsWith(county);
}
