import type { ProxyMatter, ProxyStatus } from '@nuanxin/shared';

/** What a 政务代办 event carries: enough to notify the requester without re-reading. */
export interface ProxyRequestEventPayload {
  requestId: string;
  stationId: string;
  stationName: string;
  matter: ProxyMatter;
  requesterUserId: string | null;
  fromStatus: ProxyStatus | null;
  status: ProxyStatus;
  reason: string | null;
}

/** A childcare session cancelled by the station: every parent still registered hears it. */
export interface ChildcareSessionCancelledPayload {
  sessionId: string;
  stationId: string;
  stationName: string;
  date: string;
  starts: string;
  parentUserIds: string[];
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'proxy_request.filed': ProxyRequestEventPayload;
    'proxy_request.changed': ProxyRequestEventPayload;
    'childcare_session.cancelled': ChildcareSessionCancelledPayload;
  }
}

export const CANTEEN_SERVICES_EVENTS = [
  'proxy_request.filed',
  'proxy_request.changed',
  'childcare_session.cancelled',
] as const;
