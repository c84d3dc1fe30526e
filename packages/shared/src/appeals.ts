import { z } from 'zod';
import {
  APPEAL_ACTIONS,
  APPEAL_ASSIGNMENT_ROLES,
  APPEAL_CHANNELS,
  APPEAL_EXTENSION_STATUSES,
  APPEAL_PRIVACY,
  APPEAL_QUEUES,
  APPEAL_SATISFACTIONS,
  APPEAL_STAFF_CHANNELS,
  APPEAL_STATES,
  APPEAL_TYPES,
  APPEAL_URGENCIES,
  APPEAL_VISIT_ANSWERS,
  APPEAL_VISIT_CHANNELS,
  type AppealAction,
  type AppealQueue,
} from './appeals.labels.ts';
import { pageOf, pageQuery, phoneSchema } from './common.ts';
import { photoIdsField, photoRefSchema } from './files.ts';

/**
 * Appeals closed loop 诉求闭环 (contract docs/contract-appeals.md). The states and actions mirror
 * the server's pure transition table; the UI reads `actions` from AppealDetail instead of
 * re-implementing the rules.
 */

export * from './appeals.labels.ts';

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'region_code')
  .describe('GB/T 2260 county code (6 digits) or statistical township code (9 digits)');

// ---------------------------------------------------------------------------------------------
// Requests

export const appealLocationInput = z.object({
  /** Latitude in degrees. */
  lat: z.number().min(-90).max(90).describe('Latitude in degrees'),
  /** Longitude in degrees. */
  lng: z.number().min(-180).max(180).describe('Longitude in degrees'),
  /** Coordinate system of lat/lng: phone GPS is wgs84, Chinese map SDKs (AMap, Tencent) give gcj02. */
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84').describe('wgs84 (GPS) or gcj02 (AMap/Tencent maps)'),
  /** Human-readable address. */
  address: z.string().trim().max(200).optional().describe('Street address as the reporter describes it'),
});
export type AppealLocationInput = z.infer<typeof appealLocationInput>;

export const createAppealBody = z.object({
  type: z
    .enum(APPEAL_TYPES)
    .describe('咨询 consult, 求助 help, 建议 suggestion, 投诉 complaint, 举报 report'),
  categoryId: z.uuid().describe('Category (a leaf of GET /appeal-categories)'),
  urgency: z
    .enum(APPEAL_URGENCIES)
    .default('normal')
    .describe('Sets the dispatch deadline: 24 h / 2 h / 1 h'),
  description: z.string().trim().min(5).max(2000).describe('What happened, 5–2000 characters'),
  location: appealLocationInput.optional().describe('Where it happened'),
  regionCode: regionCode
    .optional()
    .describe(
      'County or township where it happened; required (the server answers 400 region.not_found otherwise)',
    ),
  privacy: z
    .enum(APPEAL_PRIVACY)
    .default('private')
    .describe('public: may be shown to other workers (without names)'),
  anonymous: z.boolean().default(false).describe('Hide the reporter from the handling units'),
  contactName: z.string().trim().min(1).max(40).optional().describe('Name to call back'),
  contactPhone: phoneSchema.optional().describe('Number to call back; stored encrypted, shown masked'),
  channel: z.enum(APPEAL_STAFF_CHANNELS).optional().describe('Staff intake only: where the appeal came from'),
  callerName: z.string().trim().min(1).max(40).optional().describe('Hotline/reception: caller name'),
  callerPhone: phoneSchema.optional().describe('Hotline/reception: caller number; stored encrypted'),
  calledAt: z.iso.datetime({ offset: true }).optional().describe('Hotline: when the call came in'),
  photoIds: photoIdsField
    .optional()
    .describe(
      'Up to 6 photos from POST /files/photos: the caller’s own uploads, not attached yet (400 file.not_attachable otherwise)',
    ),
});
export type CreateAppealInput = z.infer<typeof createAppealBody>;

export const appealIdParams = z.object({ id: z.uuid().describe('Appeal id') });

export const appealsListQuery = pageQuery.extend({
  queue: z.enum(APPEAL_QUEUES).default('all').describe('Work queue; see GET /appeals/queues for counts'),
  q: z.string().trim().min(1).max(64).optional().describe('Part of the case number or description'),
  type: z.enum(APPEAL_TYPES).optional(),
  state: z.enum(APPEAL_STATES).optional(),
  categoryId: z.uuid().optional().describe('This category or its children'),
  regionCode: regionCode.optional().describe('This region or below'),
  unitId: z.uuid().optional().describe('Cases whose lead unit is this organisation'),
});
export type AppealsListQuery = z.infer<typeof appealsListQuery>;

export const appealNoteBody = z.object({
  note: z.string().trim().min(1).max(1000).optional().describe('Free-text note for the timeline'),
});
export const appealReasonBody = z.object({ reason: z.string().trim().min(2).max(1000).describe('Why') });
export const appealDispatchBody = z.object({
  unitId: z.uuid().describe('Lead unit 主办单位'),
  coUnitIds: z.array(z.uuid()).max(10).optional().describe('Co-handling units 协办单位'),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type AppealDispatchInput = z.infer<typeof appealDispatchBody>;
export const appealSignBody = z.object({}).describe('No fields');
export const appealReturnBody = z.object({
  reason: z.string().trim().min(2).max(1000).describe('Why the unit returns the case'),
  notOurDuty: z.boolean().default(false).describe('非本单位职责: the case is outside the unit’s remit'),
});
export const appealRedispatchBody = appealDispatchBody;
export const appealInsistBody = z.object({
  note: z.string().trim().min(2).max(1000).describe('Why the same unit must handle it'),
});
export const appealProgressBody = z.object({
  note: z.string().trim().min(2).max(1000).describe('What was done'),
  stageFeedback: z.boolean().default(false).describe('阶段性反馈: also shown to the reporter'),
});
export const appealExtendBody = z.object({
  workingDays: z.number().int().min(1).max(30).describe('Extra working days'),
  reason: z.string().trim().min(2).max(1000),
});
export const appealApproveExtensionBody = z.object({
  approve: z.boolean().describe('true approves and moves the deadline'),
  note: z.string().trim().min(1).max(1000).optional(),
});
export const appealResolveBody = z.object({
  reply: z.string().trim().min(2).max(2000).describe('办理结果 shown to the reporter'),
});
export const appealVisitBody = z.object({
  satisfaction: z
    .enum(APPEAL_VISIT_ANSWERS)
    .describe('unsatisfied sends the case back to the same unit (重办)'),
  comment: z.string().trim().min(1).max(1000).optional(),
});
export const appealCloseBody = z.object({}).describe('No fields');
export const appealTerminateBody = appealReasonBody;
export const appealDuplicateBody = z.object({ targetId: z.uuid().describe('The case this one duplicates') });
export const appealSuperviseBody = z.object({
  message: z.string().trim().min(2).max(1000).describe('督办意见'),
});

export const appealNearbyQuery = z.object({
  categoryId: z.uuid(),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});
export type AppealNearbyQuery = z.infer<typeof appealNearbyQuery>;

// ---------------------------------------------------------------------------------------------
// Replies

export const appealSummarySchema = z.object({
  id: z.uuid(),
  caseNo: z.string().describe('SQ-<region>-<yyyymmdd>-<seq4>'),
  type: z.enum(APPEAL_TYPES),
  categoryId: z.uuid(),
  categoryName: z.string(),
  urgency: z.enum(APPEAL_URGENCIES),
  channel: z.enum(APPEAL_CHANNELS),
  state: z.enum(APPEAL_STATES),
  stateLabel: z.string().optional().describe('Chinese label of the state'),
  regionCode: z.string(),
  regionName: z.string(),
  leadUnitId: z.uuid().nullable(),
  leadUnitName: z.string().nullable(),
  title: z.string().describe('First 40 characters of the description'),
  createdAt: z.string(),
  dispatchedAt: z.string().nullable().describe('First dispatch; the resolve clock starts here'),
  dueAt: z
    .string()
    .nullable()
    .describe('Resolve deadline (working days from first dispatch, plus extensions)'),
  signDueAt: z.string().nullable().describe('Sign deadline of the current dispatch'),
  overdue: z.boolean().describe('Open and past its current deadline'),
  reopenCount: z.number().int(),
  supervised: z.boolean().describe('督办 at least once'),
});
export type AppealSummaryDto = z.infer<typeof appealSummarySchema>;

export const appealActionsSchema = z.object(
  Object.fromEntries(APPEAL_ACTIONS.map((a) => [a, z.boolean()])) as Record<AppealAction, z.ZodBoolean>,
);
export type AppealActionsDto = z.infer<typeof appealActionsSchema>;

export const appealAssignmentSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  role: z.enum(APPEAL_ASSIGNMENT_ROLES),
  dispatchedAt: z.string(),
  signedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  notOurDuty: z.boolean(),
  endedAt: z
    .string()
    .nullable()
    .describe('Set when the assignment no longer applies (returned, redispatched)'),
});
export type AppealAssignmentDto = z.infer<typeof appealAssignmentSchema>;

export const appealExtensionSchema = z.object({
  id: z.uuid(),
  requestedAt: z.string(),
  requestedByName: z.string(),
  workingDays: z.number().int(),
  reason: z.string(),
  status: z.enum(APPEAL_EXTENSION_STATUSES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  newDueAt: z.string().nullable(),
});
export type AppealExtensionDto = z.infer<typeof appealExtensionSchema>;

export const appealVisitSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  satisfaction: z.enum(APPEAL_SATISFACTIONS),
  comment: z.string().nullable(),
  channel: z
    .enum(APPEAL_VISIT_CHANNELS)
    .describe('self: the reporter; phone: a dispatcher called; rule: no answer'),
  byName: z.string().nullable(),
});
export type AppealVisitDto = z.infer<typeof appealVisitSchema>;

export const appealEventSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  actorName: z.string().nullable().describe('null for the system'),
  action: z.string().describe('submit, accept, dispatch, … , supervise, noAnswer, follow'),
  actionLabel: z.string(),
  fromState: z.enum(APPEAL_STATES).nullable(),
  toState: z.enum(APPEAL_STATES).nullable(),
  note: z.string().nullable(),
  public: z.boolean().describe('Shown to the reporter'),
});
export type AppealEventDto = z.infer<typeof appealEventSchema>;

export const appealDetailSchema = appealSummarySchema.extend({
  description: z.string(),
  privacy: z.enum(APPEAL_PRIVACY),
  anonymous: z.boolean(),
  location: z
    .object({
      lat: z.number().describe('WGS-84'),
      lng: z.number().describe('WGS-84'),
      address: z.string().nullable(),
    })
    .nullable(),
  reporter: z.object({
    userId: z.uuid().nullable().describe('null when anonymous (for staff) or filed by staff intake'),
    contactName: z.string().nullable(),
    contactPhoneMasked: z.string().nullable().describe('138****0001'),
  }),
  caller: z
    .object({
      name: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      calledAt: z.string().nullable(),
    })
    .nullable()
    .describe('Hotline/reception intake'),
  reply: z.string().nullable().describe('办理结果 of the latest resolve'),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  duplicateOf: z.uuid().nullable(),
  supervisedAt: z.string().nullable().describe('Latest 督办'),
  dispatchDueAt: z.string().nullable().describe('Dispatch deadline after submission'),
  assignments: z.array(appealAssignmentSchema),
  extensions: z.array(appealExtensionSchema),
  visits: z.array(appealVisitSchema),
  timeline: z.array(appealEventSchema).describe('Oldest first; the reporter sees only public events'),
  following: z.boolean().describe('The actor follows this case'),
  isReporter: z.boolean().describe('The actor filed this case'),
  actions: appealActionsSchema.describe('What the actor may do now (policy ∧ state machine)'),
  photos: z.array(photoRefSchema).describe('Photos filed with the case, in the order given'),
});
export type AppealDetailDto = z.infer<typeof appealDetailSchema>;

export const appealsListReply = pageOf(appealSummarySchema);
export type AppealsListDto = z.infer<typeof appealsListReply>;

export const appealQueuesReply = z.object(
  Object.fromEntries(APPEAL_QUEUES.map((q) => [q, z.number().int()])) as Record<AppealQueue, z.ZodNumber>,
);
export type AppealQueuesDto = z.infer<typeof appealQueuesReply>;

export const appealCategorySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  radiusMeters: z.number().int().describe('Nearby-case search radius'),
  acceptsPublic: z.boolean().describe('Workers may file in this category'),
  enabled: z
    .boolean()
    .describe('Offered for filing: the category and its parent are not disabled (see includeDisabled)'),
});
export type AppealCategoryDto = z.infer<typeof appealCategorySchema>;
export const appealCategoriesReply = z.array(appealCategorySchema);

export const nearbyAppealSchema = appealSummarySchema.extend({
  distanceMeters: z.number().describe('Distance from the given point'),
});
export const appealNearbyReply = z.array(nearbyAppealSchema);
export type NearbyAppealDto = z.infer<typeof nearbyAppealSchema>;

export const appealFollowReply = z.object({ following: z.literal(true) });
