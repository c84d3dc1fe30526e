import type { StationHours } from '@nuanxin/shared';
import { STATION_BASIC_SERVICES, type StationKind } from '@nuanxin/shared/stations.labels';
import { formToHours, type HoursForm, hoursIssues, hoursToForm } from './hours';

/**
 * The "5+N" services of a station in the form (POS-05): the five basic services, required of a
 * 铜心驿站 (the server answers 400 `station.basic_services_required` otherwise), and extras from the
 * catalogue, each with optional own hours and a note. Pure.
 */

export interface ServiceItemForm {
  code: string;
  /** Own hours (e.g. meal heating 11:00–14:00); otherwise the station's hours apply. */
  ownHours: boolean;
  hours: HoursForm;
  note: string;
}

export const BASIC_CODES: readonly string[] = STATION_BASIC_SERVICES;

export const isBasic = (code: string) => BASIC_CODES.includes(code);

/** Whether the kind must offer the five basic services. */
export const basicsRequired = (kind: StationKind | undefined) => kind === 'copper_heart';

const LUNCH: HoursForm = {
  alwaysOpen: false,
  weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '11:00', close: '14:00' }],
  holidayMode: 'as_usual',
  holidayOpen: null,
  holidayClose: null,
};

export function newServiceItem(code: string): ServiceItemForm {
  return {
    code,
    ownHours: false,
    hours: { ...LUNCH, weekly: LUNCH.weekly.map((r) => ({ ...r, days: [...r.days] })) },
    note: '',
  };
}

/** The form's items of a station's stored services. */
export function servicesToForm(
  services: readonly { code: string; hours: StationHours | null; note: string | null }[],
): ServiceItemForm[] {
  return services.map((s) => ({
    code: s.code,
    ownHours: s.hours !== null,
    hours: s.hours ? hoursToForm(s.hours) : newServiceItem(s.code).hours,
    note: s.note ?? '',
  }));
}

/** The basic services first, in their fixed order, then the extras in the order chosen. */
export function withBasics(
  items: readonly ServiceItemForm[],
  kind: StationKind | undefined,
): ServiceItemForm[] {
  if (!basicsRequired(kind)) return [...items];
  const have = new Map(items.map((i) => [i.code, i]));
  const basics = BASIC_CODES.map((c) => have.get(c) ?? newServiceItem(c));
  return [...basics, ...items.filter((i) => !isBasic(i.code))];
}

/** The API list (`services` of POST /stations, PUT /stations/:id/services). */
export function formToServices(
  items: readonly ServiceItemForm[],
  kind: StationKind | undefined,
): { code: string; hours?: StationHours; note?: string }[] {
  const seen = new Set<string>();
  const out: { code: string; hours?: StationHours; note?: string }[] = [];
  for (const i of withBasics(items, kind)) {
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    const note = i.note.trim();
    out.push({
      code: i.code,
      ...(i.ownHours ? { hours: { ...formToHours(i.hours), holidays: 'as_usual' as const } } : {}),
      ...(note ? { note: note.slice(0, 200) } : {}),
    });
  }
  return out;
}

/** Codes of services whose own hours the server would reject. */
export function serviceIssues(items: readonly ServiceItemForm[]): string[] {
  return items.filter((i) => i.ownHours && hoursIssues(i.hours).length > 0).map((i) => i.code);
}

/** Whether two service lists say the same (an edit sends services only when they changed). */
export function sameServices(
  a: ReturnType<typeof formToServices>,
  b: ReturnType<typeof formToServices>,
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
