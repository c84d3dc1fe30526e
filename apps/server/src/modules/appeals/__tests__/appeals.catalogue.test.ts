import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { catalogueScopeOf, managedRegionSql, managesRegion } from '../appeals.catalogue.policy.ts';
import {
  depthOf,
  gapsOf,
  heightOf,
  isWithin,
  moveProblem,
  pickRule,
  ruleRegionsFor,
} from '../appeals.catalogue.service.ts';
import { actorFor } from '../appeals.seed.ts';

const node = (id: string, parentId: string | null = null, enabled = true) => ({ id, parentId, enabled });
// env → parking, rest; policy → wages; mind (no children)
const tree = [
  node('env'),
  node('parking', 'env'),
  node('rest', 'env'),
  node('policy'),
  node('wages', 'policy'),
  node('mind'),
];
const byId = new Map(tree.map((n) => [n.id, n]));

describe('category tree rules', () => {
  it('measures depth and height', () => {
    expect(depthOf(byId, 'env')).toBe(1);
    expect(depthOf(byId, 'parking')).toBe(2);
    expect(heightOf(tree, 'env')).toBe(2);
    expect(heightOf(tree, 'mind')).toBe(1);
    expect(isWithin(byId, 'parking', 'env')).toBe(true);
    expect(isWithin(byId, 'env', 'parking')).toBe(false);
  });

  it('refuses cycles, missing parents and a third level', () => {
    expect(moveProblem(tree, 'env', 'parking')).toBe('appeal.category_cycle');
    expect(moveProblem(tree, 'env', 'env')).toBe('appeal.category_cycle');
    expect(moveProblem(tree, 'parking', 'nope')).toBe('appeal.category_parent_not_found');
    // An area with problems cannot go below another area: three levels.
    expect(moveProblem(tree, 'env', 'policy')).toBe('appeal.category_too_deep');
    // Nor can anything go below a problem.
    expect(moveProblem(tree, 'mind', 'parking')).toBe('appeal.category_too_deep');
    expect(moveProblem(tree, 'parking', 'policy')).toBeNull();
    expect(moveProblem(tree, 'mind', 'policy')).toBeNull();
    expect(moveProblem(tree, 'parking', null)).toBeNull();
  });

  it('survives a corrupt tree (a loop in the data) without hanging', () => {
    const loop = [node('a', 'b'), node('b', 'a')];
    const m = new Map(loop.map((n) => [n.id, n]));
    expect(depthOf(m, 'a')).toBe(2);
    expect(isWithin(m, 'a', 'c')).toBe(false);
  });
});

describe('dispatch catalogue rules', () => {
  const rule = (categoryId: string, regionCode: string) => ({
    categoryId,
    regionCode,
    id: `${categoryId}@${regionCode}`,
  });

  it('applies a township’s rules, then its county’s', () => {
    expect(ruleRegionsFor('511102004')).toEqual(['511102004', '511102']);
    expect(ruleRegionsFor('511102')).toEqual(['511102']);
  });

  it('picks the category’s own rule first, the closest region within it', () => {
    const cat = byId.get('parking')!;
    const rules = [rule('env', '511102004'), rule('parking', '511102'), rule('parking', '511102004')];
    expect(pickRule(rules, cat, '511102004')).toEqual({ rule: rules[2], inherited: false });
    expect(pickRule(rules, cat, '511102006')).toEqual({ rule: rules[1], inherited: false });
    expect(pickRule([rules[0]!], cat, '511102004')).toEqual({ rule: rules[0], inherited: true });
    expect(pickRule([rules[0]!], cat, '511102006')).toBeNull();
    expect(pickRule([rule('parking', '511111')], cat, '511102')).toBeNull();
  });

  it('lists fileable categories without a rule as gaps', () => {
    const cats = [...tree, node('old', 'env', false), node('care', null, false), node('daily', 'care')];
    const { fileable, gaps } = gapsOf(cats, new Set(['parking', 'policy']));
    // Areas with problems, disabled categories and problems of disabled areas are not fileable.
    expect(fileable.map((c) => c.id).sort()).toEqual(['mind', 'parking', 'rest', 'wages']);
    // wages is covered by its area's rule.
    expect(gaps.map((c) => c.id).sort()).toEqual(['mind', 'rest']);
  });
});

describe('catalogue scope', () => {
  const dialect = new PgDialect();
  it('gives district admins their region and the system administrator the city', () => {
    const szq = catalogueScopeOf(
      actorFor('u1', 'a', 'staff', 'district_admin', { regionCode: '511102' }),
      () => null,
    );
    expect(szq.manageRegions).toEqual(['511102']);
    expect(managesRegion(szq, '511102004')).toBe(true);
    expect(managesRegion(szq, '511111')).toBe(false);
    const sys = catalogueScopeOf(
      actorFor('u2', 'b', 'staff', 'system_admin', { regionCode: '511100' }),
      () => null,
    );
    expect(managesRegion(sys, '511111')).toBe(true);
    const dispatcher = catalogueScopeOf(
      actorFor('u3', 'c', 'staff', 'dispatcher', { regionCode: '511102' }),
      () => null,
    );
    expect(dispatcher.manageRegions).toEqual([]);
    // No region: the SQL condition matches nothing.
    expect(dialect.sqlToQuery(managedRegionSql(dispatcher, sql`r.region_code`)).sql).toBe('false');
    const q = dialect.sqlToQuery(managedRegionSql(szq, sql`r.region_code`));
    expect(q.sql).toBe('(r.region_code like $1)');
    expect(q.params).toEqual(['511102%']);
  });

  it('resolves an organisation grant to the organisation’s region', () => {
    const a = actorFor('u4', 'd', 'staff', 'district_admin', { orgId: 'org-1', orgPath: '/org-1/' });
    expect(catalogueScopeOf(a, (id) => (id === 'org-1' ? '511111' : null)).manageRegions).toEqual(['511111']);
  });
});
