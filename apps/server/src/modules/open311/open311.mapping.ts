import {
  APPEAL_ACTION_LABELS,
  APPEAL_OPEN_STATES,
  APPEAL_SATISFACTION_LABELS,
  APPEAL_STATE_LABELS,
  APPEAL_STATES,
  type AppealSatisfaction,
  type AppealState,
} from '@nuanxin/shared';
import type { PublicAppealEventRow, PublicAppealRow } from '../appeals/index.ts';
import type { XmlObject } from './open311.xml.ts';

/**
 * How our cases look in GeoReport v2 (docs/open311.md, "Mapping"): `open`/`closed` with our
 * sub-state in `status_notes`, times in ISO 8601 with +08:00, coordinates WGS-84, and nothing
 * personal — the description is reduced to a scrubbed public summary.
 */

export type Open311Status = 'open' | 'closed';

const OPEN: readonly AppealState[] = APPEAL_OPEN_STATES;

export function open311Status(state: AppealState): Open311Status {
  return OPEN.includes(state) ? 'open' : 'closed';
}

export function statesOf(status: Open311Status): AppealState[] {
  return APPEAL_STATES.filter((s) => open311Status(s) === status);
}

/** `办理中 (handling)`: the Chinese label and the code of our state. */
export function statusNotes(state: AppealState, reopenCount = 0): string {
  const redo = reopenCount > 0 && open311Status(state) === 'open' ? `，重办 ${reopenCount} 次` : '';
  return `${APPEAL_STATE_LABELS[state]} (${state})${redo}`;
}

/** W3C/ISO 8601 in Beijing time: `2026-05-01T09:30:00+08:00`. */
export function w3c(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Marks where a staff-only appendix (media link, address) starts in a description. */
export const STAFF_APPENDIX = '\n——\n';
/** Characters of the public summary (as AppealSummary.title). */
export const SUMMARY_CHARS = 40;

const PATTERNS: readonly RegExp[] = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, // e-mail
  /(?<!\d)\d{17}[\dXx](?!\d)/g, // resident ID number
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, // mobile number
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, // landline
];

/** Removes contact details someone may have typed into free text. */
export function scrub(text: string): string {
  let out = text;
  for (const re of PATTERNS) out = out.replace(re, '***');
  return out;
}

/** The public summary of a description: no staff appendix, scrubbed, at most 40 characters. */
export function publicSummary(description: string): string {
  const cut = description.indexOf(STAFF_APPENDIX);
  const body = scrub((cut >= 0 ? description.slice(0, cut) : description).trim());
  const chars = [...body];
  return chars.length > SUMMARY_CHARS ? `${chars.slice(0, SUMMARY_CHARS).join('')}…` : body;
}

/** One service request as GET requests answers it (element order as in the spec). */
export function requestOf(r: PublicAppealRow): XmlObject {
  const status = open311Status(r.state);
  return {
    service_request_id: r.caseNo,
    status,
    status_notes: statusNotes(r.state, r.reopenCount),
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: publicSummary(r.description),
    agency_responsible: r.leadUnitName,
    service_notice: null,
    requested_datetime: w3c(r.createdAt),
    updated_datetime: w3c(status === 'closed' ? (r.closedAt ?? r.resolvedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: w3c(r.dueAt),
    address: r.address ? scrub(r.address) : null,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  };
}

/**
 * The extended status of one public timeline event for mySociety's `servicerequestupdates`
 * (the status values of mySociety's open311-adapter, lower case).
 */
export function fmsStatus(e: Pick<PublicAppealEventRow, 'action' | 'toState'>): string {
  switch (e.action) {
    case 'submit':
    case 'accept':
      return 'open';
    case 'refuse':
      return 'not_councils_responsibility';
    case 'dispatch':
    case 'insist':
    case 'sign':
    case 'progress':
    case 'extend':
    case 'approveExtension':
      return 'in_progress';
    case 'redispatch':
      return 'internal_referral';
    case 'resolve':
      return 'fixed';
    case 'visit':
    case 'noAnswer':
      return e.toState === 'handling' ? 'open' : 'fixed';
    case 'close':
      return 'closed';
    case 'terminate':
      return 'no_further_action';
    case 'markDuplicate':
      return 'duplicate';
    default:
      return e.toState ? open311Status(e.toState) : 'open';
  }
}

const actionLabel = (a: string) => APPEAL_ACTION_LABELS[a as keyof typeof APPEAL_ACTION_LABELS] ?? a;

/** One entry of the updates feed. Free-text notes are left out: they are written for the reporter. */
export function updateOf(e: PublicAppealEventRow): XmlObject {
  const parts = [actionLabel(e.action)];
  if (e.satisfaction && e.satisfaction in APPEAL_SATISFACTION_LABELS)
    parts.push(APPEAL_SATISFACTION_LABELS[e.satisfaction as AppealSatisfaction]);
  const move =
    e.toState && e.fromState !== e.toState
      ? `${e.fromState ? `${APPEAL_STATE_LABELS[e.fromState]} → ` : ''}${APPEAL_STATE_LABELS[e.toState]}`
      : null;
  return {
    update_id: e.id,
    service_request_id: e.caseNo,
    status: fmsStatus(e),
    updated_datetime: w3c(e.at),
    description: move ? `${parts.join('：')}（${move}）` : parts.join('：'),
    media_url: null,
    external_status_code: e.toState,
  };
}
