import { phoneSchema, regionCodeSchema as regionCode } from '@nuanxin/shared';
import { z } from 'zod';
import { WISH_STATES } from './wishes.tables.ts';

/** Request and response schemas of the wish box and forum routes. */

export const wishBoxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  hostOrgId: z.uuid().nullable(),
  hostOrgName: z.string().nullable(),
  location: z.string().nullable(),
  active: z.boolean(),
  /** Path the box's QR code points at. */
  link: z.string(),
});
export type WishBoxDto = z.infer<typeof wishBoxSchema>;

export const createWishBoxBody = z.object({
  name: z.string().trim().min(2).max(60),
  regionCode: regionCode.describe('Township or county where the box stands'),
  hostOrgId: z.uuid().optional(),
  location: z.string().trim().max(200).optional(),
});

export const createWishBody = z
  .object({
    boxId: z.uuid().optional().describe('The box whose QR code was scanned'),
    regionCode: regionCode.optional().describe('Where, when filed without a box'),
    text: z.string().trim().min(2).max(1000),
    anonymous: z.boolean().default(false).describe('Hide who filed it from staff'),
    contactName: z.string().trim().min(1).max(40).optional(),
    contactPhone: phoneSchema.optional().describe('Stored encrypted, shown masked'),
  })
  .refine((b) => b.boxId || b.regionCode, { message: 'boxId or regionCode is required' });
export type CreateWishInput = z.infer<typeof createWishBody>;

const actionsSchema = z.object({
  classify: z.boolean(),
  assign: z.boolean(),
  answer: z.boolean(),
  convert: z.boolean(),
  markIdea: z.boolean(),
});

export const wishSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  state: z.enum(WISH_STATES),
  boxId: z.uuid().nullable(),
  boxName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  anonymous: z.boolean(),
  submitterName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  batchId: z.uuid().nullable(),
  weekStart: z.string().nullable(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  trackerUserId: z.uuid().nullable(),
  trackerName: z.string().nullable(),
  feedback: z.string().nullable(),
  activityIdea: z.boolean(),
  convertedAppealId: z.uuid().nullable(),
  convertedCaseNo: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  mine: z.boolean(),
  actions: actionsSchema,
});
export type WishDto = z.infer<typeof wishSchema>;

export const wishListQuery = z.object({
  state: z.enum(WISH_STATES).optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only the actor’s own wishes'),
  batchId: z.uuid().optional(),
  activityIdea: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type WishListQuery = z.infer<typeof wishListQuery>;

export const wishListReply = z.object({
  items: z.array(wishSchema),
  total: z.number(),
  counts: z.record(z.string(), z.number()).describe('Wishes per state in the actor’s scope'),
});

export const idParams = z.object({ id: z.uuid() });
export const classifyBody = z.object({ categoryCode: z.string().min(1).max(40) });
export const assignBody = z.object({ trackerUserId: z.uuid() });
export const answerBody = z.object({ feedback: z.string().trim().min(2).max(1000) });
export const ideaBody = z.object({ activityIdea: z.boolean() });

export const appealRowInput = z.object({
  type: z.enum(['consult', 'help', 'suggestion', 'complaint', 'report']),
  categoryId: z.uuid().describe('A leaf of GET /appeal-categories'),
  description: z.string().trim().min(5).max(2000),
  urgency: z.enum(['normal', 'urgent', 'critical']).default('normal'),
  regionCode: regionCode.optional().describe('Defaults to the wish’s or forum’s region'),
});
export type AppealRowInput = z.infer<typeof appealRowInput>;
export const convertBody = appealRowInput;

export const categoryAreaSchema = z.object({ code: z.string(), name: z.string() });
export const categoryAreasReply = z.array(categoryAreaSchema);
export const trackerSchema = z.object({ userId: z.uuid(), name: z.string(), role: z.string() });
export const trackersReply = z.array(trackerSchema);

export const wishBatchSchema = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  weekStart: z.string(),
  counts: z.record(z.string(), z.number()).describe('Wishes per area now'),
  countsAtGeneration: z.record(z.string(), z.number()).describe('Wishes per area when the batch was made'),
  total: z.number(),
  generatedAt: z.string(),
});
export const wishBatchesReply = z.array(wishBatchSchema);
export const generateBatchesBody = z.object({
  weekStart: z.iso.date().optional().describe('Monday of the week to summarise; last week by default'),
});
export const generateBatchesReply = z.object({ created: z.number() });

export const attendeesSchema = z.object({
  riders: z.number().int().min(0).max(1000),
  stationHeads: z.number().int().min(0).max(1000),
  companyManagement: z.number().int().min(0).max(1000),
  departments: z.number().int().min(0).max(1000),
});

export const raiseAppealsBody = z.object({ appeals: z.array(appealRowInput).min(1).max(20) });

export const createForumBody = z.object({
  heldOn: z.iso.date(),
  place: z.string().trim().min(2).max(100),
  hostOrgId: z.uuid().optional(),
  regionCode,
  minutes: z.string().trim().min(5).max(10000),
  attendees: attendeesSchema,
  appeals: z.array(appealRowInput).max(20).default([]),
});
export type CreateForumInput = z.infer<typeof createForumBody>;

export const forumSchema = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  place: z.string(),
  hostOrgId: z.uuid().nullable(),
  hostOrgName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  minutes: z.string(),
  attendees: attendeesSchema,
  appeals: z.array(z.object({ appealId: z.uuid(), caseNo: z.string(), title: z.string() })),
  canRaise: z.boolean(),
  createdAt: z.string(),
});
export type ForumDto = z.infer<typeof forumSchema>;
export const forumsReply = z.array(forumSchema);
