import { APPEAL_OPEN_STATES } from '@nuanxin/shared';
import { and, asc, eq, inArray, isNull, like, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { appeal, appealCategory, appealDispatchRule } from './appeals.tables.ts';

/**
 * Queries of the category tree and the dispatch catalogue 派单目录. No rules here: the catalogue
 * service validates and the catalogue policy scopes (the scope arrives as a ready SQL condition).
 */

export type CategoryRow = typeof appealCategory.$inferSelect;
export type NewCategoryRow = typeof appealCategory.$inferInsert;
export type RuleRow = typeof appealDispatchRule.$inferSelect;

export interface CategoryWithCounts extends CategoryRow {
  caseCount: number;
  openCaseCount: number;
  childCount: number;
  ruleCount: number;
}

/** One lock for every change of the tree's shape, so two moves can never build a cycle together. */
export async function lockCategoryTree(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7011320)`);
}

/** A scope condition built on a region-code column (the catalogue policy makes them). */
export type RegionScope = (regionColumn: SQL) => SQL;

/** Every category (disabled ones too) with its case, child and in-scope rule counts. */
export async function listCategoriesWithCounts(
  db: Db,
  ruleScope: RegionScope,
): Promise<CategoryWithCounts[]> {
  const open = sql.join(
    APPEAL_OPEN_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  const cases = db
    .select({
      categoryId: appeal.categoryId,
      n: sql<number>`count(*)::int`.as('n'),
      open: sql<number>`(count(*) filter (where ${appeal.state} in (${open})))::int`.as('open'),
    })
    .from(appeal)
    .groupBy(appeal.categoryId)
    .as('cases');
  const rows = await db
    .select({
      c: appealCategory,
      caseCount: sql<number>`coalesce(${cases.n}, 0)`,
      openCaseCount: sql<number>`coalesce(${cases.open}, 0)`,
      childCount: sql<number>`(select count(*) from appeal_category k where k.parent_id = ${appealCategory.id})::int`,
      ruleCount: sql<number>`(select count(*) from appeal_dispatch_rule r
        where r.category_id = ${appealCategory.id} and ${ruleScope(sql`r.region_code`)})::int`,
    })
    .from(appealCategory)
    .leftJoin(cases, eq(cases.categoryId, appealCategory.id))
    .orderBy(asc(appealCategory.sort), asc(appealCategory.code));
  return rows.map((r) => ({
    ...r.c,
    caseCount: Number(r.caseCount),
    openCaseCount: Number(r.openCaseCount),
    childCount: Number(r.childCount),
    ruleCount: Number(r.ruleCount),
  }));
}

export async function allCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(appealCategory).orderBy(asc(appealCategory.sort), asc(appealCategory.code));
}

export async function findCategory(db: Db, id: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(appealCategory).where(eq(appealCategory.id, id)).limit(1);
  return row ?? null;
}

/** Whether a case may be filed in the category: it and its parent (if any) are enabled. */
export async function categoryOpen(db: Db, c: Pick<CategoryRow, 'enabled' | 'parentId'>): Promise<boolean> {
  if (!c.enabled || !c.parentId) return c.enabled;
  return categoryOpenGiven(c, (await findCategory(db, c.parentId))?.enabled ?? null);
}

/** {@link categoryOpen} when the parent's `enabled` is already known (null: no such parent). */
export function categoryOpenGiven(
  c: Pick<CategoryRow, 'enabled' | 'parentId'>,
  parentEnabled: boolean | null,
): boolean {
  if (!c.enabled) return false;
  if (!c.parentId) return true;
  return parentEnabled ?? false;
}

/** Inserts the category; null when the code is taken (the unique index decides). */
export async function insertCategory(db: Db, row: NewCategoryRow): Promise<CategoryRow | null> {
  const [out] = await db.insert(appealCategory).values(row).onConflictDoNothing().returning();
  return out ?? null;
}

export async function updateCategory(
  db: Db,
  id: string,
  patch: Partial<NewCategoryRow>,
): Promise<CategoryRow | null> {
  const [out] = await db.update(appealCategory).set(patch).where(eq(appealCategory.id, id)).returning();
  return out ?? null;
}

export async function deleteCategory(db: Db, id: string): Promise<void> {
  await db.delete(appealCategory).where(eq(appealCategory.id, id));
}

/** A sibling (same parent) other than `exceptId` already carries the name. */
export async function siblingNamed(
  db: Db,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const conds: (SQL | undefined)[] = [
    parentId ? eq(appealCategory.parentId, parentId) : isNull(appealCategory.parentId),
    eq(appealCategory.name, name),
    exceptId ? ne(appealCategory.id, exceptId) : undefined,
  ];
  const rows = await db
    .select({ id: appealCategory.id })
    .from(appealCategory)
    .where(and(...conds))
    .limit(1);
  return rows.length > 0;
}

export async function childrenOf(db: Db, parentId: string | null): Promise<CategoryRow[]> {
  return db
    .select()
    .from(appealCategory)
    .where(parentId ? eq(appealCategory.parentId, parentId) : isNull(appealCategory.parentId))
    .orderBy(asc(appealCategory.sort), asc(appealCategory.code));
}

/** The next sort value after every category (the seed numbers the whole tree in one sequence). */
export async function nextSort(db: Db): Promise<number> {
  const [r] = await db
    .select({ m: sql<number>`coalesce(max(${appealCategory.sort}), 0)::int` })
    .from(appealCategory);
  return Number(r?.m ?? 0) + 1;
}

export async function countCases(db: Db, categoryId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appeal)
    .where(eq(appeal.categoryId, categoryId));
  return Number(r?.n ?? 0);
}

// ---- dispatch rules -------------------------------------------------------------------------

export interface RuleListRow {
  id: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  categoryEnabled: boolean;
  parentCategoryName: string | null;
  regionCode: string;
  regionName: string;
  unitId: string;
  unitName: string;
  unitKind: string;
}

const parentCategory = alias(appealCategory, 'parent_category');

export interface RuleFilter {
  scope?: RegionScope;
  /** Rules of regions starting with this prefix (a region and the ones below it). */
  regionPrefix?: string | undefined;
  /** Rules of this category or of its children. */
  categoryTree?: string | undefined;
  categoryId?: string;
  id?: string;
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, '\\$&');

/** Rules matching the filter, by category order then region. */
export async function listRules(db: Db, f: RuleFilter): Promise<RuleListRow[]> {
  const conds: (SQL | undefined)[] = [
    f.scope ? f.scope(sql`${appealDispatchRule.regionCode}`) : undefined,
    f.regionPrefix ? like(appealDispatchRule.regionCode, `${escapeLike(f.regionPrefix)}%`) : undefined,
    f.categoryTree
      ? or(eq(appealCategory.id, f.categoryTree), eq(appealCategory.parentId, f.categoryTree))
      : undefined,
    f.categoryId ? eq(appealDispatchRule.categoryId, f.categoryId) : undefined,
    f.id ? eq(appealDispatchRule.id, f.id) : undefined,
  ];
  return db
    .select({
      id: appealDispatchRule.id,
      categoryId: appealDispatchRule.categoryId,
      categoryCode: appealCategory.code,
      categoryName: appealCategory.name,
      categoryEnabled: appealCategory.enabled,
      parentCategoryName: parentCategory.name,
      regionCode: appealDispatchRule.regionCode,
      regionName: region.name,
      unitId: appealDispatchRule.unitId,
      unitName: organisation.name,
      unitKind: organisation.kind,
    })
    .from(appealDispatchRule)
    .innerJoin(appealCategory, eq(appealCategory.id, appealDispatchRule.categoryId))
    .leftJoin(parentCategory, eq(parentCategory.id, appealCategory.parentId))
    .innerJoin(region, eq(region.code, appealDispatchRule.regionCode))
    .innerJoin(organisation, eq(organisation.id, appealDispatchRule.unitId))
    .where(and(...conds))
    .orderBy(
      asc(sql`coalesce(${parentCategory.sort}, ${appealCategory.sort})`),
      asc(sql`${appealCategory.parentId} is not null`),
      asc(appealCategory.sort),
      asc(appealDispatchRule.regionCode),
    );
}

export async function getRule(db: Db, id: string): Promise<RuleRow | null> {
  const [row] = await db.select().from(appealDispatchRule).where(eq(appealDispatchRule.id, id)).limit(1);
  return row ?? null;
}

/** Inserts the rule; null when the category already has one in that region. */
export async function insertRule(
  db: Db,
  row: { categoryId: string; regionCode: string; unitId: string },
): Promise<RuleRow | null> {
  const [out] = await db.insert(appealDispatchRule).values(row).onConflictDoNothing().returning();
  return out ?? null;
}

export async function updateRuleUnit(db: Db, id: string, unitId: string): Promise<RuleRow | null> {
  const [out] = await db
    .update(appealDispatchRule)
    .set({ unitId })
    .where(eq(appealDispatchRule.id, id))
    .returning();
  return out ?? null;
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await db.delete(appealDispatchRule).where(eq(appealDispatchRule.id, id));
}

/** Removes every rule of a category (in every region); returns them for the audit row. */
export async function deleteRulesOfCategory(db: Db, categoryId: string): Promise<RuleRow[]> {
  return db.delete(appealDispatchRule).where(eq(appealDispatchRule.categoryId, categoryId)).returning();
}

/** Rules of any of the categories in any of the regions (the proposal picks the closest). */
export async function rulesFor(
  db: Db,
  categoryIds: readonly string[],
  regionCodes: readonly string[],
): Promise<(RuleRow & { unitName: string })[]> {
  if (categoryIds.length === 0 || regionCodes.length === 0) return [];
  const rows = await db
    .select({ r: appealDispatchRule, unitName: organisation.name })
    .from(appealDispatchRule)
    .innerJoin(organisation, eq(organisation.id, appealDispatchRule.unitId))
    .where(
      and(
        inArray(appealDispatchRule.categoryId, [...categoryIds]),
        inArray(appealDispatchRule.regionCode, [...regionCodes]),
      ),
    );
  return rows.map((x) => ({ ...x.r, unitName: x.unitName }));
}

/** Ids of the categories with a rule in one of the regions. */
export async function categoriesWithRules(db: Db, regionCodes: readonly string[]): Promise<Set<string>> {
  if (regionCodes.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: appealDispatchRule.categoryId })
    .from(appealDispatchRule)
    .where(inArray(appealDispatchRule.regionCode, [...regionCodes]));
  return new Set(rows.map((r) => r.id));
}

// ---- regions and units (core tables) ---------------------------------------------------------

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export async function regionsByCodes(db: Db, codes: readonly string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db
    .select({ code: region.code, name: region.name, level: region.level, parentCode: region.parentCode })
    .from(region)
    .where(inArray(region.code, [...codes]))
    .orderBy(asc(region.code));
}

export async function childRegions(db: Db, parentCode: string): Promise<RegionRow[]> {
  return db
    .select({ code: region.code, name: region.name, level: region.level, parentCode: region.parentCode })
    .from(region)
    .where(eq(region.parentCode, parentCode))
    .orderBy(asc(region.code));
}

export interface UnitRow {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | null> {
  const [row] = await db
    .select({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      regionCode: organisation.regionCode,
    })
    .from(organisation)
    .where(eq(organisation.id, id))
    .limit(1);
  return row ?? null;
}
