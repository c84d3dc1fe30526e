import { z } from 'zod';

/** Organisation kinds (issue 2 §3). The full Party-building model comes later. */
export const ORG_KINDS = [
  'district_org_dept', // 区委两新工委
  'industry_party_committee', // 行业党委
  'comprehensive_party_committee', // 综合党委
  'party_branch', // 党支部
  'joint_party_branch', // 联合党支部
  'mobile_party_branch', // 流动党支部
  'community', // 社区
  'township', // 镇街
  'government_department', // 职能部门
  'mass_organisation', // 群团
  'platform_company', // 平台企业
  'enterprise', // 企业
  'merchant', // 商家
  'station_operator', // 站点运营方
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const REGION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const regionSchema = z.object({
  code: z.string().describe('GB/T 2260 code (6 digits) or statistical township code (9 digits)'),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
});
export type RegionDto = z.infer<typeof regionSchema>;

export const orgSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  parentId: z.uuid().nullable(),
  regionCode: z.string().describe('Region the organisation belongs to'),
  path: z.string().describe('Materialised path of ids, for subtree queries'),
  depth: z.number().int(),
});
export type OrgDto = z.infer<typeof orgSchema>;

// ---------------------------------------------------------------------------------------------
// Regions and organisations API (contract issue 2).

/** 6-digit GB/T 2260 code or 9-digit statistical township code. */
export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'region_code')
  .describe('GB/T 2260 code (6 digits) or statistical township code (9 digits)');

export const regionsListQuery = z.object({
  parentCode: regionCodeSchema
    .optional()
    .describe('List the regions directly below this one; default: the city 511100 and its children'),
});
export const regionsListReply = z.array(regionSchema);

export const orgActionsSchema = z.object({
  createChild: z.boolean().describe('The actor may create an organisation below this one'),
});
export type OrgActionsDto = z.infer<typeof orgActionsSchema>;

export const orgItemSchema = orgSchema.extend({ actions: orgActionsSchema });
export type OrgItemDto = z.infer<typeof orgItemSchema>;

export const orgsListQuery = z.object({
  parentId: z.uuid().optional().describe('Only the direct children of this organisation'),
  q: z.string().trim().min(1).max(64).optional().describe('Part of the name or short name'),
  kind: z.enum(ORG_KINDS).optional(),
  regionCode: regionCodeSchema.optional().describe('Only organisations in this region or below it'),
});
export type OrgsListQuery = z.infer<typeof orgsListQuery>;
export const orgsListReply = z.array(orgItemSchema);

export const orgIdParams = z.object({ id: z.uuid().describe('Organisation id') });

export const orgDetailSchema = orgItemSchema.extend({
  ancestors: z.array(orgSchema).describe('From the root down to the parent'),
});
export type OrgDetailDto = z.infer<typeof orgDetailSchema>;

export const createOrgBody = z.object({
  name: z.string().trim().min(1).max(80),
  shortName: z.string().trim().min(1).max(40).optional(),
  kind: z.enum(ORG_KINDS),
  parentId: z.uuid().optional().describe('Parent organisation; omit for a top-level organisation'),
  regionCode: regionCodeSchema,
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;
