import { z } from 'zod';
import { phoneSchema } from './common.ts';

/**
 * 政务代办 proxy handling (CAN-03) and 节假日托幼 holiday childcare (CAN-04) at a station that
 * offers the services `proxy_affairs` / `holiday_childcare` (docs/canteen-services.md). Phones are
 * stored encrypted and answered masked (138****0001); no ID numbers, no photos of children.
 */

import { PROXY_ACTIONS, PROXY_MATTERS, PROXY_STATUSES } from './canteen-services.labels.ts';

export * from './canteen-services.labels.ts';

const idParams = z.object({ id: z.uuid() });
export const canteenServicesIdParams = idParams;

const documentItem = z.string().trim().min(1).max(60);

export const createProxyRequestBody = z.object({
  matter: z.enum(PROXY_MATTERS),
  description: z
    .string()
    .trim()
    .min(2)
    .max(500)
    .describe('What is to be done, 2–500 characters (no ID numbers: they are refused)'),
  documents: z
    .array(documentItem)
    .max(20)
    .default([])
    .describe('Documents handed over (or to be handed over) at the station, e.g. 身份证复印件'),
  resident: z
    .object({
      name: z.string().trim().min(1).max(30),
      phone: phoneSchema,
    })
    .optional()
    .describe('Keeper only: a walk-in resident the request is filed for (name and phone, shown masked)'),
});
export type CreateProxyRequestInput = z.infer<typeof createProxyRequestBody>;

export const proxyTransitionBody = z.object({
  action: z.enum(PROXY_ACTIONS),
  reason: z.string().trim().max(200).optional().describe('Required to reject (2–200 characters)'),
  note: z.string().trim().max(200).optional().describe('Recorded in the history'),
});
export type ProxyTransitionInput = z.infer<typeof proxyTransitionBody>;

export const proxyHistorySchema = z.object({
  fromStatus: z.enum(PROXY_STATUSES).nullable(),
  toStatus: z.enum(PROXY_STATUSES),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ProxyHistoryDto = z.infer<typeof proxyHistorySchema>;

export const proxyRequestSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  matter: z.enum(PROXY_MATTERS),
  description: z.string(),
  documents: z.array(z.string()),
  status: z.enum(PROXY_STATUSES),
  rejectReason: z.string().nullable(),
  requester: z.object({
    kind: z.enum(['worker', 'resident']),
    name: z.string().nullable().describe('Masked for a resident (张*); the worker’s name for staff'),
    phoneMasked: z.string().nullable(),
  }),
  mine: z.boolean(),
  handlerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(proxyHistorySchema),
  actions: z.array(z.enum(PROXY_ACTIONS)).describe('What the actor may do now'),
});
export type ProxyRequestDto = z.infer<typeof proxyRequestSchema>;

export const proxyRequestsQuery = z.object({
  status: z.enum(PROXY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ProxyRequestsQuery = z.infer<typeof proxyRequestsQuery>;

export const proxyRequestsReply = z.object({
  items: z.array(proxyRequestSchema),
  counts: z.record(z.enum(PROXY_STATUSES), z.number().int()),
});
export type ProxyRequestsReply = z.infer<typeof proxyRequestsReply>;

export const myProxyRequestsReply = z.object({ items: z.array(proxyRequestSchema) });
export type MyProxyRequestsReply = z.infer<typeof myProxyRequestsReply>;

// ---------------------------------------------------------------------------------------------
// 节假日托幼

export const CHILDCARE_SESSION_STATUSES = ['open', 'cancelled'] as const;
export type ChildcareSessionStatus = (typeof CHILDCARE_SESSION_STATUSES)[number];
export const CHILDCARE_REGISTRATION_STATUSES = ['registered', 'cancelled', 'attended'] as const;
export type ChildcareRegistrationStatus = (typeof CHILDCARE_REGISTRATION_STATUSES)[number];
/** The calendar's word for a session's day (platform calendar), or null when it does not know it. */
export const CHILDCARE_DAY_KINDS = ['holiday', 'weekend', 'workday', 'adjusted_workday'] as const;
export type ChildcareDayKind = (typeof CHILDCARE_DAY_KINDS)[number];

export const CHILD_AGE_MIN = 0;
export const CHILD_AGE_MAX = 17;

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')
  .describe('HH:MM, 24-hour clock, Asia/Shanghai');
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .describe('YYYY-MM-DD, Asia/Shanghai');
const age = z.number().int().min(CHILD_AGE_MIN).max(CHILD_AGE_MAX);

const sessionFields = {
  date,
  starts: time,
  ends: time,
  capacity: z.number().int().min(1).max(500),
  ageMin: age,
  ageMax: age,
  note: z.string().trim().max(200).nullable().optional().describe('e.g. 寒假托管，自带水杯'),
};

export const createChildcareSessionBody = z.object(sessionFields);
export type CreateChildcareSessionInput = z.infer<typeof createChildcareSessionBody>;

export const updateChildcareSessionBody = z
  .object({
    version: z.number().int().min(1).describe('The version read; 409 childcare.conflict if it moved on'),
    date: sessionFields.date.optional(),
    starts: sessionFields.starts.optional(),
    ends: sessionFields.ends.optional(),
    capacity: sessionFields.capacity.optional(),
    ageMin: age.optional(),
    ageMax: age.optional(),
    note: sessionFields.note,
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: 'Nothing to change',
  });
export type UpdateChildcareSessionInput = z.infer<typeof updateChildcareSessionBody>;

export const childcareSessionSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  date: z.string(),
  dayKind: z.enum(CHILDCARE_DAY_KINDS).nullable().describe('From the platform calendar'),
  starts: z.string(),
  ends: z.string(),
  capacity: z.number().int(),
  registered: z.number().int().describe('Places taken (registered + attended)'),
  free: z.number().int(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  note: z.string().nullable(),
  status: z.enum(CHILDCARE_SESSION_STATUSES),
  started: z.boolean().describe('The session has begun (registration and cancelling closed)'),
  version: z.number().int(),
});
export type ChildcareSessionDto = z.infer<typeof childcareSessionSchema>;

export const childcareSessionsQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Console: past and cancelled sessions too (needs console access to the station)'),
});
export const childcareSessionsReply = z.object({
  items: z.array(childcareSessionSchema),
  actions: z.object({ manage: z.boolean(), keep: z.boolean() }),
});
export type ChildcareSessionsReply = z.infer<typeof childcareSessionsReply>;

export const registerChildBody = z.object({
  childName: z.string().trim().min(1).max(10).describe('Given name only (小名 or 名), no family name needed'),
  childAge: age,
  contactPhone: phoneSchema,
  allergies: z.string().trim().max(200).nullable().optional().describe('Allergies, diet or health notes'),
});
export type RegisterChildInput = z.infer<typeof registerChildBody>;

export const childcareRegistrationSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  date: z.string(),
  starts: z.string(),
  ends: z.string(),
  childName: z.string(),
  childAge: z.number().int(),
  contactPhoneMasked: z.string(),
  allergies: z.string().nullable(),
  status: z.enum(CHILDCARE_REGISTRATION_STATUSES),
  parentName: z.string().nullable().describe('Console only'),
  mine: z.boolean(),
  createdAt: z.string(),
  actions: z.object({ cancel: z.boolean(), attend: z.boolean() }),
});
export type ChildcareRegistrationDto = z.infer<typeof childcareRegistrationSchema>;

export const childcareRegistrationsReply = z.object({ items: z.array(childcareRegistrationSchema) });
export type ChildcareRegistrationsReply = z.infer<typeof childcareRegistrationsReply>;

export const childcareAttendanceBody = z.object({
  attended: z.boolean().describe('true: came (attended); false: back to registered'),
});

export const myCanteenServicesReply = z.object({
  proxyRequests: z.array(proxyRequestSchema),
  registrations: z.array(childcareRegistrationSchema),
});
export type MyCanteenServicesReply = z.infer<typeof myCanteenServicesReply>;
