import { z } from 'zod';

/**
 * The appeal category tree 诉求分类 and the dispatch catalogue 派单目录 as the console edits them
 * (docs/contract-appeals.md, "Categories and the dispatch catalogue"). The tree is shared by every
 * district; a dispatch rule belongs to one region.
 */

/** Areas (level 1) and their problems (level 2): list filters and Open311 read one level down. */
export const APPEAL_CATEGORY_MAX_DEPTH = 2;

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'region_code')
  .describe('GB/T 2260 county code (6 digits) or statistical township code (9 digits)');

export const appealCategoryCode = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'category_code')
  .describe(
    'Stable code, e.g. env.parking (lower case, digits, _ and .); published as the Open311 service_code',
  );
const categoryName = z.string().trim().min(1).max(40).describe('Name shown on forms (1–40 characters)');
const radiusMeters = z
  .number()
  .int()
  .min(50)
  .max(5000)
  .describe('Radius of the “someone already reported this nearby” search, 50–5000 m');

export const catalogueIdParams = z.object({ id: z.uuid() });

export const catalogueCategorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: z.string(),
  radiusMeters: z.number().int(),
  acceptsPublic: z.boolean().describe('Workers (and Open311 clients) may file in it'),
  enabled: z.boolean().describe('Its own switch; a child of a disabled area is hidden as well'),
  sort: z.number().int().describe('Order among its siblings'),
  depth: z.number().int().describe('1 for an area, 2 for a problem'),
  caseCount: z.number().int().describe('Cases filed in it (a category with cases is never deleted)'),
  openCaseCount: z.number().int(),
  childCount: z.number().int(),
  ruleCount: z.number().int().describe('Dispatch rules in the regions the actor manages'),
});
export type CatalogueCategoryDto = z.infer<typeof catalogueCategorySchema>;
export const catalogueCategoriesReply = z.object({ items: z.array(catalogueCategorySchema) });

export const createCatalogueCategoryBody = z.object({
  parentId: z.uuid().nullable().default(null).describe('The area it belongs to; null for a new area'),
  code: appealCategoryCode,
  name: categoryName,
  acceptsPublic: z.boolean().default(true),
  radiusMeters: radiusMeters.default(200),
});
export type CreateCatalogueCategoryInput = z.infer<typeof createCatalogueCategoryBody>;

export const updateCatalogueCategoryBody = z
  .object({
    name: categoryName.optional(),
    acceptsPublic: z.boolean().optional(),
    radiusMeters: radiusMeters.optional(),
    parentId: z.uuid().nullable().optional().describe('Move under another area (null: make it an area)'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });
export type UpdateCatalogueCategoryInput = z.infer<typeof updateCatalogueCategoryBody>;

export const reorderCategoriesBody = z.object({
  parentId: z.uuid().nullable().describe('Whose children are ordered; null for the areas'),
  ids: z.array(z.uuid()).min(1).max(500).describe('Every child of that parent, in the new order'),
});
export type ReorderCategoriesInput = z.infer<typeof reorderCategoriesBody>;

export const catalogueRegionSchema = z.object({ code: z.string(), name: z.string() });
export const catalogueRegionsReply = z.object({ items: z.array(catalogueRegionSchema) });

export const dispatchRuleSchema = z.object({
  id: z.uuid(),
  categoryId: z.uuid(),
  categoryCode: z.string(),
  categoryName: z.string(),
  categoryEnabled: z.boolean(),
  parentCategoryName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  unitKind: z.string(),
});
export type DispatchRuleDto = z.infer<typeof dispatchRuleSchema>;

export const dispatchRulesQuery = z.object({
  regionCode: regionCode.optional().describe('Rules of this region and the regions below it'),
  categoryId: z.uuid().optional().describe('Rules of this category and of its children'),
});
export type DispatchRulesQuery = z.infer<typeof dispatchRulesQuery>;
export const dispatchRulesReply = z.object({ items: z.array(dispatchRuleSchema) });

export const createDispatchRuleBody = z.object({
  categoryId: z.uuid(),
  regionCode: regionCode.describe('A county or township the actor manages'),
  unitId: z.uuid().describe('Default lead unit 主办单位: an organisation inside the region'),
});
export type CreateDispatchRuleInput = z.infer<typeof createDispatchRuleBody>;
export const updateDispatchRuleBody = z.object({
  unitId: z.uuid().describe('Default lead unit: an organisation inside the rule’s region'),
});
export type UpdateDispatchRuleInput = z.infer<typeof updateDispatchRuleBody>;

export const catalogueGapsQuery = z.object({ regionCode: regionCode.describe('A county the actor manages') });
export const catalogueGapSchema = z.object({
  categoryId: z.uuid(),
  code: z.string(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  acceptsPublic: z.boolean(),
});
export const catalogueGapsReply = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  categoryCount: z.number().int().describe('Enabled categories a case can be filed in'),
  items: z.array(catalogueGapSchema).describe('Those without a rule (own or the area’s): dispatched by hand'),
});
export type CatalogueGapsDto = z.infer<typeof catalogueGapsReply>;

export const dispatchProposalQuery = z.object({
  categoryId: z.uuid(),
  regionCode: regionCode.describe('Where the case happened (county or township)'),
});
export const dispatchProposalReply = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('null: dispatch by hand'),
  ruleId: z.uuid().nullable(),
  ruleCategoryId: z.uuid().nullable().describe('The category of the rule (the area’s when inherited)'),
  ruleRegionCode: z.string().nullable(),
  inherited: z.boolean().describe('The rule is the area’s, not the category’s own'),
});
export type DispatchProposalDto = z.infer<typeof dispatchProposalReply>;
