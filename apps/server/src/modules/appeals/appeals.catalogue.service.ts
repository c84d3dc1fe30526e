import {
  APPEAL_CATEGORY_MAX_DEPTH,
  type CatalogueCategoryDto,
  type CatalogueGapsDto,
  type CreateCatalogueCategoryInput,
  type CreateDispatchRuleInput,
  type DispatchProposalDto,
  type DispatchRuleDto,
  type DispatchRulesQuery,
  type ReorderCategoriesInput,
  regionLevelOf,
  regionPrefix,
  type UpdateCatalogueCategoryInput,
  type UpdateDispatchRuleInput,
  unitServesRegion,
} from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, validation } from '../../platform/http/errors.ts';
import { getOrg } from '../orgs/index.ts';
import {
  type CatalogueScope,
  catalogueScopeOf,
  managedRegionSql,
  managesCategories,
  managesRegion,
} from './appeals.catalogue.policy.ts';
import * as repo from './appeals.catalogue.repository.ts';

/**
 * Categories 诉求分类 and the dispatch catalogue 派单目录 (docs/contract-appeals.md, "Categories and
 * the dispatch catalogue"). Each change is one transaction with its audit row; changes of the
 * tree's shape take one advisory lock, so concurrent moves cannot build a cycle.
 */

// ---- pure rules of the tree (unit-tested) ---------------------------------------------------

type TreeNode = Pick<repo.CategoryRow, 'id' | 'parentId'>;

/** Level of a category: 1 for an area, 2 for a problem below it. */
export function depthOf(byId: ReadonlyMap<string, TreeNode>, id: string): number {
  let depth = 0;
  let cur: TreeNode | undefined = byId.get(id);
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    depth++;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return depth;
}

/** Levels of the subtree rooted at `id`: 1 for a category without children. */
export function heightOf(nodes: readonly TreeNode[], id: string): number {
  const kids = nodes.filter((n) => n.parentId === id);
  return 1 + (kids.length === 0 ? 0 : Math.max(...kids.map((k) => heightOf(nodes, k.id))));
}

/** `candidate` is `ancestor` itself or lies below it. */
export function isWithin(byId: ReadonlyMap<string, TreeNode>, candidate: string, ancestor: string): boolean {
  let cur: TreeNode | undefined = byId.get(candidate);
  const seen = new Set<string>();
  while (cur && !seen.has(cur.id)) {
    if (cur.id === ancestor) return true;
    seen.add(cur.id);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return false;
}

/** Why `id` may not move under `parentId` (null: it may). */
export function moveProblem(
  nodes: readonly TreeNode[],
  id: string,
  parentId: string | null,
): null | 'appeal.category_parent_not_found' | 'appeal.category_cycle' | 'appeal.category_too_deep' {
  if (parentId === null)
    return heightOf(nodes, id) > APPEAL_CATEGORY_MAX_DEPTH ? 'appeal.category_too_deep' : null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (!byId.has(parentId)) return 'appeal.category_parent_not_found';
  if (isWithin(byId, parentId, id)) return 'appeal.category_cycle';
  if (depthOf(byId, parentId) + heightOf(nodes, id) > APPEAL_CATEGORY_MAX_DEPTH)
    return 'appeal.category_too_deep';
  return null;
}

/** A region where rules apply: a county, or a township (whose county's rules apply too). */
export function ruleRegionsFor(regionCode: string): string[] {
  return regionLevelOf(regionCode) === 'township' ? [regionCode, regionCode.slice(0, 6)] : [regionCode];
}

/**
 * The closest rule for a case: the category's own rule before its area's, and within each a
 * township's rule before its county's.
 */
export function pickRule<R extends { categoryId: string; regionCode: string }>(
  rules: readonly R[],
  category: TreeNode,
  regionCode: string,
): { rule: R; inherited: boolean } | null {
  const regions = ruleRegionsFor(regionCode);
  for (const [categoryId, inherited] of [
    [category.id, false],
    [category.parentId, true],
  ] as const) {
    if (!categoryId) continue;
    for (const r of regions) {
      const rule = rules.find((x) => x.categoryId === categoryId && x.regionCode === r);
      if (rule) return { rule, inherited };
    }
  }
  return null;
}

/**
 * Categories a case can be filed in (enabled, under an enabled area, without children) that no
 * rule covers, neither their own nor their area's.
 */
export function gapsOf<C extends TreeNode & { enabled: boolean }>(
  categories: readonly C[],
  covered: ReadonlySet<string>,
): { fileable: C[]; gaps: C[] } {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parents = new Set(categories.map((c) => c.parentId).filter((p): p is string => p !== null));
  const fileable = categories.filter((c) => {
    if (!c.enabled || parents.has(c.id)) return false;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return !parent || parent.enabled;
  });
  const gaps = fileable.filter((c) => !covered.has(c.id) && !(c.parentId && covered.has(c.parentId)));
  return { fileable, gaps };
}

// ---- the service ----------------------------------------------------------------------------

const notFoundCategory = () =>
  new AppError('appeal.catalogue_category_not_found', 'Appeal category not found');
const notFoundRule = () => new AppError('appeal.dispatch_rule_not_found', 'Dispatch rule not found');

/** A foreign-key violation from either engine (a case filed while the category was deleted). */
function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; i++) {
    if (typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23503')
      return true;
    e = typeof e === 'object' && e !== null && 'cause' in e ? (e as { cause: unknown }).cause : null;
  }
  return false;
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

export function createCatalogueService(deps: PlatformDeps) {
  const { database } = deps;

  async function scopeOf(actor: Actor): Promise<CatalogueScope> {
    const orgRegions = new Map<string, string | null>();
    for (const g of actor.grants)
      if (g.orgId && !g.regionCode && !orgRegions.has(g.orgId))
        orgRegions.set(g.orgId, (await getOrg(database.db, g.orgId))?.regionCode ?? null);
    return catalogueScopeOf(actor, (id) => orgRegions.get(id) ?? null);
  }

  async function categoryScope(actor: Actor): Promise<CatalogueScope> {
    const scope = await scopeOf(actor);
    if (!managesCategories(scope)) throw forbidden('You manage no region');
    return scope;
  }

  function toDto(
    byId: ReadonlyMap<string, repo.CategoryWithCounts>,
    c: repo.CategoryWithCounts,
  ): CatalogueCategoryDto {
    return {
      id: c.id,
      parentId: c.parentId,
      code: c.code,
      name: c.name,
      radiusMeters: c.radiusMeters,
      acceptsPublic: c.acceptsPublic,
      enabled: c.enabled,
      sort: c.sort,
      depth: depthOf(byId, c.id),
      caseCount: c.caseCount,
      openCaseCount: c.openCaseCount,
      childCount: c.childCount,
      ruleCount: c.ruleCount,
    };
  }

  const ruleScope =
    (scope: CatalogueScope): repo.RegionScope =>
    (column) =>
      managedRegionSql(scope, column);

  async function categoryDto(db: Db, scope: CatalogueScope, id: string): Promise<CatalogueCategoryDto> {
    const rows = await repo.listCategoriesWithCounts(db, ruleScope(scope));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const row = byId.get(id);
    if (!row) throw notFoundCategory();
    return toDto(byId, row);
  }

  const snapshot = (c: repo.CategoryRow) => ({
    code: c.code,
    name: c.name,
    parentId: c.parentId,
    acceptsPublic: c.acceptsPublic,
    radiusMeters: c.radiusMeters,
    enabled: c.enabled,
    sort: c.sort,
  });

  // ---- categories -------------------------------------------------------------------------

  async function listCategories(actor: Actor): Promise<{ items: CatalogueCategoryDto[] }> {
    const scope = await categoryScope(actor);
    const rows = await repo.listCategoriesWithCounts(database.db, ruleScope(scope));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: rows.map((r) => toDto(byId, r)) };
  }

  async function createCategory(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateCatalogueCategoryInput,
  ): Promise<CatalogueCategoryDto> {
    const scope = await categoryScope(actor);
    const id = await inTransaction(database, async ({ tx }) => {
      await repo.lockCategoryTree(tx);
      if (input.parentId) {
        const parent = await repo.findCategory(tx, input.parentId);
        if (!parent)
          throw new AppError('appeal.category_parent_not_found', 'The parent category does not exist');
        const nodes = await repo.allCategories(tx);
        if (depthOf(new Map(nodes.map((n) => [n.id, n])), parent.id) + 1 > APPEAL_CATEGORY_MAX_DEPTH)
          throw new AppError(
            'appeal.category_too_deep',
            'Categories have two levels: areas and their problems',
          );
      }
      if (await repo.siblingNamed(tx, input.parentId, input.name))
        throw new AppError('appeal.category_name_taken', 'A category of the same area has this name');
      const row = await repo.insertCategory(tx, {
        parentId: input.parentId,
        code: input.code,
        name: input.name,
        acceptsPublic: input.acceptsPublic,
        radiusMeters: input.radiusMeters,
        enabled: true,
        sort: await repo.nextSort(tx),
      });
      if (!row) throw new AppError('appeal.category_code_taken', `The code ${input.code} is taken`);
      await writeAudit(tx, actor, meta, {
        action: 'appeal.category_create',
        entityType: 'appeal_category',
        entityId: row.id,
        after: snapshot(row),
      });
      return row.id;
    });
    return categoryDto(database.db, scope, id);
  }

  async function updateCategory(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: UpdateCatalogueCategoryInput,
  ): Promise<CatalogueCategoryDto> {
    const scope = await categoryScope(actor);
    await inTransaction(database, async ({ tx }) => {
      await repo.lockCategoryTree(tx);
      const row = await repo.findCategory(tx, id);
      if (!row) throw notFoundCategory();
      const patch: Partial<repo.NewCategoryRow> = {};
      const moving = input.parentId !== undefined && input.parentId !== row.parentId;
      const parentId = moving ? (input.parentId ?? null) : row.parentId;
      if (moving) {
        const problem = moveProblem(await repo.allCategories(tx), id, parentId);
        if (problem === 'appeal.category_parent_not_found')
          throw new AppError(problem, 'The new parent category does not exist');
        if (problem === 'appeal.category_cycle')
          throw new AppError(problem, 'A category cannot move below itself or one of its children');
        if (problem === 'appeal.category_too_deep')
          throw new AppError(problem, 'Categories have two levels: areas and their problems');
        patch.parentId = parentId;
        // Last among its new siblings.
        patch.sort = await repo.nextSort(tx);
      }
      const name = input.name ?? row.name;
      if ((moving || name !== row.name) && (await repo.siblingNamed(tx, parentId, name, id)))
        throw new AppError('appeal.category_name_taken', 'A category of the same area has this name');
      if (input.name !== undefined && input.name !== row.name) patch.name = input.name;
      if (input.acceptsPublic !== undefined && input.acceptsPublic !== row.acceptsPublic)
        patch.acceptsPublic = input.acceptsPublic;
      if (input.radiusMeters !== undefined && input.radiusMeters !== row.radiusMeters)
        patch.radiusMeters = input.radiusMeters;
      if (Object.keys(patch).length === 0) return;
      const updated = await repo.updateCategory(tx, id, patch);
      if (!updated) throw notFoundCategory();
      await writeAudit(tx, actor, meta, {
        action: moving ? 'appeal.category_move' : 'appeal.category_update',
        entityType: 'appeal_category',
        entityId: id,
        before: snapshot(row),
        after: snapshot(updated),
      });
    });
    return categoryDto(database.db, scope, id);
  }

  /** Disable (hidden from filing; its cases keep it) or enable again. Idempotent. */
  async function setEnabled(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    enabled: boolean,
  ): Promise<CatalogueCategoryDto> {
    const scope = await categoryScope(actor);
    await inTransaction(database, async ({ tx }) => {
      const row = await repo.findCategory(tx, id);
      if (!row) throw notFoundCategory();
      if (row.enabled === enabled) return;
      await repo.updateCategory(tx, id, { enabled });
      await writeAudit(tx, actor, meta, {
        action: enabled ? 'appeal.category_enable' : 'appeal.category_disable',
        entityType: 'appeal_category',
        entityId: id,
        before: { enabled: row.enabled },
        after: { enabled },
        note: `${row.code} ${row.name}`,
      });
    });
    return categoryDto(database.db, scope, id);
  }

  /**
   * Deletes a category nobody used: no cases, no children, no rule in a region the actor does
   * not manage. Its rules in the actor's regions go with it. Otherwise disable it.
   */
  async function deleteCategory(actor: Actor, meta: RequestMeta | null, id: string): Promise<{ ok: true }> {
    const scope = await categoryScope(actor);
    try {
      await inTransaction(database, async ({ tx }) => {
        await repo.lockCategoryTree(tx);
        const row = await repo.findCategory(tx, id);
        if (!row) throw notFoundCategory();
        // One connection in a transaction: one query at a time.
        const cases = await repo.countCases(tx, id);
        const children = await repo.childrenOf(tx, id);
        const rules = await repo.listRules(tx, { categoryId: id });
        const elsewhere = rules.filter((r) => !managesRegion(scope, r.regionCode)).length;
        if (cases > 0 || children.length > 0 || elsewhere > 0)
          throw new AppError(
            'appeal.category_in_use',
            'The category has cases, children or rules of other regions; disable it instead',
            { cases, children: children.length, rulesElsewhere: elsewhere },
          );
        const removed = await repo.deleteRulesOfCategory(tx, id);
        await repo.deleteCategory(tx, id);
        await writeAudit(tx, actor, meta, {
          action: 'appeal.category_delete',
          entityType: 'appeal_category',
          entityId: id,
          before: {
            ...snapshot(row),
            rules: removed.map((r) => ({ regionCode: r.regionCode, unitId: r.unitId })),
          },
        });
      });
    } catch (err) {
      if (isForeignKeyViolation(err))
        throw new AppError(
          'appeal.category_in_use',
          'A case was just filed in the category; disable it instead',
        );
      throw err;
    }
    return { ok: true };
  }

  /** Puts the children of one parent in the given order (every child exactly once). */
  async function reorder(
    actor: Actor,
    meta: RequestMeta | null,
    input: ReorderCategoriesInput,
  ): Promise<{ items: CatalogueCategoryDto[] }> {
    await categoryScope(actor);
    await inTransaction(database, async ({ tx }) => {
      await repo.lockCategoryTree(tx);
      if (input.parentId && !(await repo.findCategory(tx, input.parentId)))
        throw new AppError('appeal.category_parent_not_found', 'The parent category does not exist');
      const siblings = await repo.childrenOf(tx, input.parentId);
      const ids = new Set(input.ids);
      if (
        ids.size !== input.ids.length ||
        ids.size !== siblings.length ||
        siblings.some((s) => !ids.has(s.id))
      )
        throw validation('ids must list every child of the parent exactly once', [
          { path: 'body.ids', message: 'children_mismatch' },
        ]);
      // Keep the sort values the siblings already hold (the seed numbers the whole tree in one
      // sequence), handed out in the new order; equal values are spread out first.
      let values = siblings.map((s) => s.sort).sort((a, b) => a - b);
      if (new Set(values).size !== values.length) values = values.map((_, i) => (values[0] ?? 0) + i);
      const before = siblings.map((s) => s.id);
      let changed = false;
      for (const [i, cid] of input.ids.entries()) {
        const current = siblings.find((s) => s.id === cid);
        if (current && current.sort !== values[i]) {
          await repo.updateCategory(tx, cid, { sort: values[i]! });
          changed = true;
        }
      }
      if (changed)
        await writeAudit(tx, actor, meta, {
          action: 'appeal.category_reorder',
          entityType: 'appeal_category',
          ...(input.parentId ? { entityId: input.parentId } : {}),
          before,
          after: input.ids,
        });
    });
    return listCategories(actor);
  }

  // ---- regions --------------------------------------------------------------------------

  /** The counties (and townships granted directly) whose rules the actor manages. */
  async function regions(actor: Actor): Promise<{ items: { code: string; name: string }[] }> {
    const scope = await scopeOf(actor);
    const out = new Map<string, string>();
    for (const code of scope.manageRegions) {
      const level = regionLevelOf(code);
      if (level === 'county' || level === 'township') {
        for (const r of await repo.regionsByCodes(database.db, [code])) out.set(r.code, r.name);
      } else {
        // A city (or province) grant: its counties.
        for (const r of await repo.childRegions(database.db, code)) {
          if (r.level === 'county') out.set(r.code, r.name);
          else if (r.level === 'city')
            for (const c of await repo.childRegions(database.db, r.code))
              if (c.level === 'county') out.set(c.code, c.name);
        }
      }
    }
    return {
      items: [...out.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, name]) => ({ code, name })),
    };
  }

  /** A county or township that exists; otherwise 400 appeal.rule_region_invalid. */
  async function ruleRegion(code: string): Promise<repo.RegionRow> {
    const level = regionLevelOf(code);
    const [row] =
      level === 'county' || level === 'township' ? await repo.regionsByCodes(database.db, [code]) : [];
    if (!row)
      throw new AppError('appeal.rule_region_invalid', 'The region must be an existing county or township');
    return row;
  }

  // ---- dispatch rules ------------------------------------------------------------------

  async function listRules(actor: Actor, q: DispatchRulesQuery): Promise<{ items: DispatchRuleDto[] }> {
    const scope = await scopeOf(actor);
    const items = await repo.listRules(database.db, {
      scope: ruleScope(scope),
      regionPrefix: q.regionCode ? (regionPrefix(q.regionCode) ?? undefined) : undefined,
      categoryTree: q.categoryId,
    });
    return { items };
  }

  /** The rule as the actor may see it; a rule outside their regions does not exist for them. */
  async function visibleRule(scope: CatalogueScope, id: string): Promise<repo.RuleRow> {
    const rule = await repo.getRule(database.db, id);
    if (!rule || !managesRegion(scope, rule.regionCode)) throw notFoundRule();
    return rule;
  }

  async function ruleDto(db: Db, id: string): Promise<DispatchRuleDto> {
    const [row] = await repo.listRules(db, { id });
    if (!row) throw notFoundRule();
    return row;
  }

  /** The unit exists and lies in the rule's district (a township rule may name a district department). */
  async function checkUnit(unitId: string, regionCode: string): Promise<repo.UnitRow> {
    const unit = await repo.findUnit(database.db, unitId);
    if (!unit) throw new AppError('appeal.unit_not_found', 'The handling unit does not exist');
    if (!unitServesRegion(unit.regionCode, regionCode))
      throw new AppError('appeal.unit_outside_region', 'The unit must be an organisation inside the region');
    return unit;
  }

  async function createRule(
    actor: Actor,
    meta: RequestMeta | null,
    input: CreateDispatchRuleInput,
  ): Promise<DispatchRuleDto> {
    const scope = await scopeOf(actor);
    await ruleRegion(input.regionCode);
    if (!managesRegion(scope, input.regionCode)) {
      await writeAudit(database.db, actor, meta, {
        action: 'appeal.dispatch_rule_create',
        outcome: 'denied',
        entityType: 'appeal_dispatch_rule',
        note: `region ${input.regionCode} outside scope`,
      });
      throw forbidden('The region is outside your scope');
    }
    const category = await repo.findCategory(database.db, input.categoryId);
    if (!category) throw new AppError('appeal.category_not_found', 'Unknown appeal category');
    if (!(await repo.categoryOpen(database.db, category)))
      throw new AppError('appeal.category_disabled', 'The category is disabled');
    await checkUnit(input.unitId, input.regionCode);
    const id = await inTransaction(database, async ({ tx }) => {
      const row = await repo.insertRule(tx, input);
      if (!row)
        throw new AppError(
          'appeal.dispatch_rule_exists',
          'The category already has a rule in this region; edit that one',
        );
      await writeAudit(tx, actor, meta, {
        action: 'appeal.dispatch_rule_create',
        entityType: 'appeal_dispatch_rule',
        entityId: row.id,
        after: {
          categoryId: row.categoryId,
          categoryCode: category.code,
          regionCode: row.regionCode,
          unitId: row.unitId,
        },
      });
      return row.id;
    });
    return ruleDto(database.db, id);
  }

  async function updateRule(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: UpdateDispatchRuleInput,
  ): Promise<DispatchRuleDto> {
    const scope = await scopeOf(actor);
    const rule = await visibleRule(scope, id);
    await checkUnit(input.unitId, rule.regionCode);
    if (rule.unitId !== input.unitId)
      await inTransaction(database, async ({ tx }) => {
        const updated = await repo.updateRuleUnit(tx, id, input.unitId);
        if (!updated) throw notFoundRule();
        await writeAudit(tx, actor, meta, {
          action: 'appeal.dispatch_rule_update',
          entityType: 'appeal_dispatch_rule',
          entityId: id,
          before: { unitId: rule.unitId },
          after: { unitId: updated.unitId },
          note: `${rule.regionCode} ${rule.categoryId}`,
        });
      });
    return ruleDto(database.db, id);
  }

  async function deleteRule(actor: Actor, meta: RequestMeta | null, id: string): Promise<{ ok: true }> {
    const scope = await scopeOf(actor);
    const rule = await visibleRule(scope, id);
    await inTransaction(database, async ({ tx }) => {
      await repo.deleteRule(tx, id);
      await writeAudit(tx, actor, meta, {
        action: 'appeal.dispatch_rule_delete',
        entityType: 'appeal_dispatch_rule',
        entityId: id,
        before: { categoryId: rule.categoryId, regionCode: rule.regionCode, unitId: rule.unitId },
      });
    });
    return { ok: true };
  }

  /** Categories of a region that a case could be filed in but no rule proposes a unit for. */
  async function gaps(actor: Actor, regionCode: string): Promise<CatalogueGapsDto> {
    const scope = await scopeOf(actor);
    const r = await ruleRegion(regionCode);
    if (!managesRegion(scope, regionCode)) throw forbidden('The region is outside your scope');
    const [categories, covered] = await Promise.all([
      repo.allCategories(database.db),
      repo.categoriesWithRules(database.db, ruleRegionsFor(regionCode)),
    ]);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const { fileable, gaps: missing } = gapsOf(categories, covered);
    return {
      regionCode: r.code,
      regionName: r.name,
      categoryCount: fileable.length,
      items: missing.map((c) => ({
        categoryId: c.id,
        code: c.code,
        name: c.name,
        parentId: c.parentId,
        parentName: c.parentId ? (byId.get(c.parentId)?.name ?? null) : null,
        acceptsPublic: c.acceptsPublic,
      })),
    };
  }

  /**
   * The default lead unit for a case of `categoryId` in `regionCode` (intake and dispatch forms).
   * Reference data of the catalogue, the same for every dispatcher.
   */
  async function proposal(categoryId: string, regionCode: string): Promise<DispatchProposalDto> {
    const category = await repo.findCategory(database.db, categoryId);
    if (!category) throw new AppError('appeal.category_not_found', 'Unknown appeal category');
    const ids = [category.id, ...(category.parentId ? [category.parentId] : [])];
    const rules = await repo.rulesFor(database.db, ids, ruleRegionsFor(regionCode));
    const hit = pickRule(rules, category, regionCode);
    if (!hit)
      return { unit: null, ruleId: null, ruleCategoryId: null, ruleRegionCode: null, inherited: false };
    return {
      unit: { id: hit.rule.unitId, name: hit.rule.unitName },
      ruleId: hit.rule.id,
      ruleCategoryId: hit.rule.categoryId,
      ruleRegionCode: hit.rule.regionCode,
      inherited: hit.inherited,
    };
  }

  return {
    listCategories,
    createCategory,
    updateCategory,
    setEnabled,
    deleteCategory,
    reorder,
    regions,
    listRules,
    createRule,
    updateRule,
    deleteRule,
    gaps,
    proposal,
  };
}
