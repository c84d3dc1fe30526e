import { describe, expect, it } from 'vitest';
import { REGIONS_511100 } from '../data/regions-511100.ts';
import {
  canCreateChild,
  canCreateRoot,
  childPath,
  depthOfPath,
  pathIds,
  pathWithin,
  regionCovers,
  regionLevelOf,
  regionPrefix,
} from '../orgs.policy.ts';
import { testActor } from './actors.ts';

describe('regionCovers', () => {
  it.each([
    ['510000', '511102', true], // province covers a county
    ['510000', '511102004', true], // and a township
    ['510000', '520102', false],
    ['511100', '511100', true], // city covers itself
    ['511100', '511111', true],
    ['511100', '511111100', true],
    ['511100', '511200', false],
    ['511102', '511102', true], // county
    ['511102', '511102004', true],
    ['511102', '511111', false],
    ['511102', '511100', false], // a county does not cover its city
    ['511102004', '511102004', true], // township
    ['511102004', '511102006', false],
    ['511102004', '511102', false],
    ['5111', '511102', false], // 4-digit package codes are not accepted
    ['abc', '511102', false],
    ['511102', 'x', false],
  ])('%s covers %s: %s', (grant, code, expected) => {
    expect(regionCovers(grant, code)).toBe(expected);
  });

  it('derives prefixes and levels from the shape of the code', () => {
    expect(regionPrefix('510000')).toBe('51');
    expect(regionPrefix('511100')).toBe('5111');
    expect(regionPrefix('511102')).toBe('511102');
    expect(regionPrefix('511102004')).toBe('511102004');
    expect(regionPrefix('51110')).toBeNull();
    expect(regionLevelOf('510000')).toBe('province');
    expect(regionLevelOf('511100')).toBe('city');
    expect(regionLevelOf('511181')).toBe('county');
    expect(regionLevelOf('511111100')).toBe('township');
  });
});

describe('region data', () => {
  it('has unique codes, parents before children, and levels matching the code shape', () => {
    const seen = new Set<string>();
    for (const r of REGIONS_511100) {
      expect(seen.has(r.code)).toBe(false);
      if (r.parentCode) {
        expect(seen.has(r.parentCode)).toBe(true);
        expect(regionCovers(r.parentCode, r.code)).toBe(true);
      }
      expect(regionLevelOf(r.code)).toBe(r.level);
      seen.add(r.code);
    }
    const counties = REGIONS_511100.filter((r) => r.parentCode === '511100');
    expect(counties).toHaveLength(11);
    expect(REGIONS_511100.filter((r) => r.parentCode === '511102')).toHaveLength(17);
  });
});

describe('materialised paths', () => {
  it('builds paths and depths', () => {
    const root = childPath(null, 'a');
    expect(root).toBe('/a/');
    const child = childPath(root, 'b');
    expect(child).toBe('/a/b/');
    expect(childPath(child, 'c')).toBe('/a/b/c/');
    expect(depthOfPath(root)).toBe(0);
    expect(depthOfPath('/a/b/c/')).toBe(2);
    expect(pathIds('/a/b/c/')).toEqual(['a', 'b', 'c']);
  });

  it('tests subtree membership by whole ids only', () => {
    expect(pathWithin('/a/b/c/', 'b')).toBe(true);
    expect(pathWithin('/a/b/c/', 'c')).toBe(true);
    expect(pathWithin('/a/bb/c/', 'b')).toBe(false);
    expect(pathWithin('/a/b/', 'c')).toBe(false);
  });
});

describe('create permission', () => {
  const szq = { path: '/lxgw/xgz/', regionCode: '511102' };
  const swq = { path: '/swlxgw/', regionCode: '511111' };

  it('a district admin creates below organisations in their region or subtree', () => {
    const byRegion = testActor([{ role: 'district_admin', orgId: null, regionCode: '511102' }]);
    expect(canCreateChild(byRegion, szq)).toBe(true);
    expect(canCreateChild(byRegion, swq)).toBe(false);
    expect(canCreateRoot(byRegion, '511102004')).toBe(true);
    expect(canCreateRoot(byRegion, '511111')).toBe(false);

    const byOrg = testActor([{ role: 'district_admin', orgId: 'xgz', regionCode: null }]);
    expect(canCreateChild(byOrg, szq)).toBe(true);
    expect(canCreateChild(byOrg, { path: '/lxgw/', regionCode: '511102' })).toBe(false);
    expect(canCreateRoot(byOrg, '511102')).toBe(false);
  });

  it('roles without orgs.manage never create, whatever their scope', () => {
    for (const role of ['dispatcher', 'system_admin', 'auditor', 'security_admin'] as const) {
      const a = testActor([{ role, orgId: null, regionCode: '511100' }]);
      expect(canCreateChild(a, szq)).toBe(false);
      expect(canCreateRoot(a, '511102')).toBe(false);
    }
  });

  it('a scope counts only for the role it was granted with', () => {
    const a = testActor([
      { role: 'district_admin', orgId: null, regionCode: '511111' },
      { role: 'dispatcher', orgId: null, regionCode: '511102' },
    ]);
    expect(canCreateChild(a, swq)).toBe(true);
    expect(canCreateChild(a, szq)).toBe(false);
  });
});
