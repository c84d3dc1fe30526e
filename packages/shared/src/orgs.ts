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
