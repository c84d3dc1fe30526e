import { photoIdsField, photoRefSchema } from '@nuanxin/shared';
import { z } from 'zod';

/** Enumerations and wire schemas of the weather-delay green channel 申诉“绿色通道”. */

export const GRN_STATES = ['submitted', 'reviewed', 'rejected', 'notice_sent', 'answered', 'closed'] as const;
export type GrnState = (typeof GRN_STATES)[number];

export const GRN_ACTIONS = ['review', 'reject', 'sendNotice', 'answer', 'close'] as const;
export type GrnAction = (typeof GRN_ACTIONS)[number];

export const GRN_OUTCOMES = ['waived', 'reduced', 'refused'] as const;
export type GrnOutcome = (typeof GRN_OUTCOMES)[number];

/** 蓝 / 黄 / 橙 / 红. */
export const GRN_ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type GrnAlertLevel = (typeof GRN_ALERT_LEVELS)[number];

/** 暴雨 / 高温 / 冰雪（道路结冰） / 大风 / 雷电 / 大雾 / 其他. */
export const GRN_ALERT_KINDS = ['rainstorm', 'heat', 'snow_ice', 'gale', 'thunder', 'fog', 'other'] as const;
export type GrnAlertKind = (typeof GRN_ALERT_KINDS)[number];

export const GRN_CAUSES = ['extreme_weather', 'other_objective'] as const;
export const GRN_NOTICE_KINDS = ['claim', 'district'] as const;
export type GrnNoticeKind = (typeof GRN_NOTICE_KINDS)[number];

const uuid = z.string().uuid();
const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, 'a 6- or 9-digit region code');
const isoInstant = z.string().datetime({ offset: true });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const grnIdParams = z.object({ id: uuid });

export const grnCreateClaimBody = z
  .object({
    platformOrgId: uuid,
    regionCode,
    orderNos: z.array(text(3, 40)).min(1).max(10),
    orderAt: isoInstant,
    delayMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    fineFen: z.number().int().min(1).max(10_000_000),
    cause: z.enum(GRN_CAUSES).default('extreme_weather'),
    reason: text(5, 1000),
    evidenceNote: text(1, 500).optional(),
    /** Photos from POST /files/photos (fine screenshot, the street that day): the rider's own uploads. */
    evidencePhotoIds: photoIdsField.optional(),
  })
  .strict();
export type GrnCreateClaimInput = z.infer<typeof grnCreateClaimBody>;

export const grnReviewBody = z.object({ note: text(1, 500).optional() }).strict();
export const grnRejectBody = z.object({ reason: text(2, 500) }).strict();
export const grnCloseBody = z.object({ note: text(1, 500).optional() }).strict();

export const grnAnswerBody = z
  .object({
    outcome: z.enum(GRN_OUTCOMES),
    /** Fen taken off the fine, for `reduced` (more than 0, less than the fine). */
    reducedFen: z.number().int().min(1).optional(),
    reason: text(2, 500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.outcome === 'reduced' && b.reducedFen === undefined)
      ctx.addIssue({ code: 'custom', path: ['reducedFen'], message: 'required when the fine is reduced' });
    if (b.outcome !== 'reduced' && b.reducedFen !== undefined)
      ctx.addIssue({ code: 'custom', path: ['reducedFen'], message: 'only for a reduced fine' });
    if (b.outcome === 'refused' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required when the waiver is refused' });
  });
export type GrnAnswerInput = z.infer<typeof grnAnswerBody>;

export const grnSendNoticeBody = z
  .object({
    /** One platform for a claim notice; one notice per platform for a district notice. */
    platformOrgIds: z.array(uuid).min(1).max(20),
    /** Reviewed claims of that one platform; none for a district-wide notice. */
    claimIds: z.array(uuid).max(50).default([]),
    /** The district a district-wide notice speaks for (default: the sender's). */
    regionCode: regionCode.optional(),
    alertId: uuid.optional(),
    facts: text(10, 4000),
    requestedAnswerBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  })
  .strict();
export type GrnSendNoticeInput = z.infer<typeof grnSendNoticeBody>;

export const grnClaimsQuery = z.object({
  state: z.enum(GRN_STATES).optional(),
  platformOrgId: uuid.optional(),
  /** Only the actor's own claims (the worker app). */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type GrnClaimsQuery = z.infer<typeof grnClaimsQuery>;

export const grnAlertsQuery = z.object({
  regionCode: regionCode.optional(),
  /** Alerts in force at this instant. */
  at: isoInstant.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type GrnAlertsQuery = z.infer<typeof grnAlertsQuery>;

export const grnCreateAlertBody = z
  .object({
    regionCode,
    level: z.enum(GRN_ALERT_LEVELS),
    kind: z.enum(GRN_ALERT_KINDS),
    startsAt: isoInstant,
    endsAt: isoInstant.optional(),
    source: text(2, 100),
    note: text(1, 500).optional(),
  })
  .strict()
  .refine((b) => !b.endsAt || new Date(b.endsAt) > new Date(b.startsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
  });
export type GrnCreateAlertInput = z.infer<typeof grnCreateAlertBody>;

export const grnNoticesQuery = z.object({
  platformOrgId: uuid.optional(),
  kind: z.enum(GRN_NOTICE_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type GrnNoticesQuery = z.infer<typeof grnNoticesQuery>;

export const grnMetricsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type GrnMetricsQuery = z.infer<typeof grnMetricsQuery>;

// ---- replies -------------------------------------------------------------------------------

export const grnAlertSchema = z.object({
  id: uuid,
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(GRN_ALERT_LEVELS),
  kind: z.enum(GRN_ALERT_KINDS),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type GrnAlertDto = z.infer<typeof grnAlertSchema>;

export const grnAnswerSchema = z.object({
  outcome: z.enum(GRN_OUTCOMES),
  waivedFen: z.number().int(),
  reason: z.string().nullable(),
  decidedByName: z.string(),
  /** Always the platform: the government side never decides the waiver. */
  decidedBySide: z.literal('platform'),
  platformName: z.string(),
  answeredAt: z.string(),
});

const actionsSchema = z.object({
  review: z.boolean(),
  reject: z.boolean(),
  sendNotice: z.boolean(),
  answer: z.boolean(),
  close: z.boolean(),
});
export type GrnActionsDto = z.infer<typeof actionsSchema>;

export const grnClaimSummarySchema = z.object({
  id: uuid,
  caseNo: z.string(),
  state: z.enum(GRN_STATES),
  riderName: z.string(),
  platformOrgId: uuid,
  platformName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orderNos: z.array(z.string()),
  orderAt: z.string(),
  delayMinutes: z.number().int(),
  fineFen: z.number().int(),
  cause: z.enum(GRN_CAUSES),
  /** Alerts of the claim's region (or above) in force at the order time. */
  alertsInForce: z.array(grnAlertSchema),
  noticeId: uuid.nullable(),
  outcome: z.enum(GRN_OUTCOMES).nullable(),
  createdAt: z.string(),
});
export type GrnClaimSummaryDto = z.infer<typeof grnClaimSummarySchema>;

export const grnClaimDetailSchema = grnClaimSummarySchema.extend({
  reason: z.string(),
  evidenceNote: z.string().nullable(),
  evidencePhotos: z.array(photoRefSchema),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  notice: z
    .object({
      id: uuid,
      noticeNo: z.string(),
      sentAt: z.string(),
      sentByName: z.string(),
      sentByOrgName: z.string().nullable(),
      requestedAnswerBy: z.string(),
      facts: z.string(),
    })
    .nullable(),
  answer: grnAnswerSchema.nullable(),
  closedAt: z.string().nullable(),
  timeline: z.array(
    z.object({
      id: uuid,
      at: z.string(),
      actorName: z.string().nullable(),
      side: z.string(),
      action: z.string(),
      fromState: z.enum(GRN_STATES).nullable(),
      toState: z.enum(GRN_STATES),
      note: z.string().nullable(),
    }),
  ),
  isRider: z.boolean(),
  actions: actionsSchema,
});
export type GrnClaimDetailDto = z.infer<typeof grnClaimDetailSchema>;

export const grnClaimsReply = z.object({
  items: z.array(grnClaimSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const grnNoticeSchema = z.object({
  id: uuid,
  noticeNo: z.string(),
  kind: z.enum(GRN_NOTICE_KINDS),
  platformOrgId: uuid,
  platformName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  alert: grnAlertSchema.nullable(),
  facts: z.string(),
  requestedAnswerBy: z.string(),
  sentByName: z.string(),
  sentByOrgName: z.string().nullable(),
  sentAt: z.string(),
  claims: z.array(
    z.object({
      id: uuid,
      caseNo: z.string(),
      state: z.enum(GRN_STATES),
      fineFen: z.number().int(),
      outcome: z.enum(GRN_OUTCOMES).nullable(),
      waivedFen: z.number().int().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
  /** Claims answered / linked. */
  answered: z.number().int(),
  overdue: z.boolean(),
});
export type GrnNoticeDto = z.infer<typeof grnNoticeSchema>;

export const grnNoticesReply = z.object({
  items: z.array(grnNoticeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const grnSendNoticeReply = z.object({ items: z.array(grnNoticeSchema) });

export const grnAlertsReply = z.object({
  items: z.array(grnAlertSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const grnPlatformsReply = z.array(z.object({ id: uuid, name: z.string() }));

export const grnMetricsRow = z.object({
  platformOrgId: uuid,
  platformName: z.string(),
  notices: z.number().int(),
  districtNotices: z.number().int(),
  claimsNoticed: z.number().int(),
  answered: z.number().int(),
  medianResponseHours: z.number().nullable(),
  waived: z.number().int(),
  reduced: z.number().int(),
  refused: z.number().int(),
  finesWaivedYuan: z.number(),
});
export type GrnMetricsRowDto = z.infer<typeof grnMetricsRow>;
export const grnMetricsReply = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  items: z.array(grnMetricsRow),
});
