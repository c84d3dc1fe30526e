import type { ChildcareRegistrationStatus, ProxyAction, ProxyStatus } from '@nuanxin/shared';

/**
 * Pure rules of 政务代办 (CAN-03) and 节假日托幼 (CAN-04): the proxy-request state machine, who
 * may act on a request, and the childcare clock. No database, no clock of its own.
 */

// ---- 政务代办 state machine ----------------------------------------------------------------------

/**
 * The transition table: for each state, what each action leads to. received → in_progress →
 * done → returned (documents back to the requester); rejected (with a reason) from received or
 * in_progress. `returned` and `rejected` are final.
 */
export const PROXY_TRANSITIONS: Readonly<Record<ProxyStatus, Partial<Record<ProxyAction, ProxyStatus>>>> = {
  received: { take: 'in_progress', reject: 'rejected' },
  in_progress: { complete: 'done', reject: 'rejected' },
  done: { return: 'returned' },
  returned: {},
  rejected: {},
};

/** The state `action` leads to from `from`, or null when the table has no such move. */
export function nextProxyStatus(from: ProxyStatus, action: ProxyAction): ProxyStatus | null {
  return PROXY_TRANSITIONS[from][action] ?? null;
}

export function isFinalProxyStatus(s: ProxyStatus): boolean {
  return Object.keys(PROXY_TRANSITIONS[s]).length === 0;
}

/** Who looks at a request: the station's keepers and managers handle it; the requester follows it. */
export interface ProxyViewer {
  userId: string;
  /** Keeper or manager of the request's station. */
  keep: boolean;
  /** Console read access to the station (figures, lists). */
  read: boolean;
}

export interface ProxyFacts {
  status: ProxyStatus;
  requesterUserId: string | null;
}

export function isRequester(v: ProxyViewer, r: ProxyFacts): boolean {
  return r.requesterUserId !== null && r.requesterUserId === v.userId;
}

export function maySeeProxy(v: ProxyViewer, r: ProxyFacts): boolean {
  return isRequester(v, r) || v.keep || v.read;
}

/** The actions the viewer may take now: handlers (keep) only, along the table. */
export function proxyActionsFor(v: ProxyViewer, r: ProxyFacts): ProxyAction[] {
  if (!v.keep) return [];
  return Object.keys(PROXY_TRANSITIONS[r.status]) as ProxyAction[];
}

/** A mainland ID number (18 characters, or the old 15 digits) inside free text. */
const ID_NUMBER = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/;
export function containsIdNumber(text: string | null | undefined): boolean {
  return (
    !!text &&
    ID_NUMBER.test(text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))
  );
}

// ---- 节假日托幼 ------------------------------------------------------------------------------------

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant `HH:MM` on local day `date` (Asia/Shanghai, UTC+8 all year) begins. */
export function localInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** The local date (YYYY-MM-DD, Asia/Shanghai) of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function sessionStarted(s: { date: string; starts: string }, now: Date): boolean {
  return now.getTime() >= localInstant(s.date, s.starts).getTime();
}

/** Places a session still has; registered and attended children hold a place. */
export function freePlaces(capacity: number, taken: number): number {
  return Math.max(0, capacity - taken);
}

export function ageFits(age: number, s: { ageMin: number; ageMax: number }): boolean {
  return age >= s.ageMin && age <= s.ageMax;
}

/** A parent cancels a registered child until the session starts (not a cancelled session). */
export function mayCancelRegistration(
  r: { status: ChildcareRegistrationStatus },
  s: { date: string; starts: string; status: 'open' | 'cancelled' },
  now: Date,
): boolean {
  return r.status === 'registered' && s.status === 'open' && !sessionStarted(s, now);
}

/** Keepers mark attendance from the session's day on (not for a cancelled child or session). */
export function mayMarkAttendance(
  r: { status: ChildcareRegistrationStatus },
  s: { date: string; status: 'open' | 'cancelled' },
  now: Date,
): boolean {
  return r.status !== 'cancelled' && s.status === 'open' && localDate(now) >= s.date;
}
