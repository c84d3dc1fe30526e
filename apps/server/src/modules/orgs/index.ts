import type { OrgDto, RegionDto } from '@nuanxin/shared';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ModuleDefinition } from '../index.ts';
import { isRegionCode, pathWithin, regionCovers } from './orgs.policy.ts';
import * as repo from './orgs.repository.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { toOrgDto } from './orgs.service.ts';

/**
 * The orgs module's public surface. Other modules read regions and organisations only through
 * these functions; `db` may be a transaction.
 */

export const orgsModule: ModuleDefinition = { name: 'orgs', routes: orgsRoutes };

export { regionCovers, regionLevelOf, regionPrefix } from './orgs.policy.ts';
export { insertOrgChecked, type NewOrg } from './orgs.service.ts';

export async function getOrg(db: Db, id: string): Promise<OrgDto | null> {
  const row = await repo.getOrgRow(db, id);
  return row ? toOrgDto(row) : null;
}

export async function getRegion(db: Db, code: string): Promise<RegionDto | null> {
  return repo.getRegion(db, code);
}

/** Materialised path of an organisation (`/<root id>/…/<id>/`), or null when it does not exist. */
export async function orgPath(db: Db, id: string): Promise<string | null> {
  return (await repo.getOrgRow(db, id))?.path ?? null;
}

/** Ids of `rootId` and every organisation below it (empty when `rootId` does not exist). */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  const path = await orgPath(db, rootId);
  return path ? repo.subtreeIdsByPath(db, path) : [];
}

/** Whether organisation `id` is `rootId` or lies below it. */
export async function isInSubtree(db: Db, id: string, rootId: string): Promise<boolean> {
  const path = await orgPath(db, id);
  return path !== null && pathWithin(path, rootId);
}

/** Whether an organisation lies in a region or below it. */
export async function orgInRegion(db: Db, id: string, grantCode: string): Promise<boolean> {
  const row = await repo.getOrgRow(db, id);
  return row !== null && regionCovers(grantCode, row.regionCode);
}

export interface ResolvedScope {
  /** The organisation named, or null for a region scope. */
  orgId: string | null;
  /** The region named, or the region of the organisation named. */
  regionCode: string;
  /** Human-readable, for CLI output. */
  label: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns what an operator types (`511102`, an organisation id, `市中区`, `沙湾区交通运输行业党委`)
 * into a scope. Names must match exactly one organisation or region; otherwise
 * `user.invalid_scope` with the candidates in `details`.
 */
export async function resolveScope(db: Db, input: string): Promise<ResolvedScope> {
  const s = input.trim();
  if (isRegionCode(s)) {
    const r = await repo.getRegion(db, s);
    if (!r) throw new AppError('user.invalid_scope', `No region with code ${s}`);
    return { orgId: null, regionCode: r.code, label: `${r.name} (${r.code})` };
  }
  if (UUID_RE.test(s)) {
    const o = await repo.getOrgRow(db, s);
    if (!o) throw new AppError('user.invalid_scope', `No organisation with id ${s}`);
    return { orgId: o.id, regionCode: o.regionCode, label: `${o.name} (${o.regionCode})` };
  }
  const orgs = await repo.findOrgsByName(db, s);
  if (orgs.length === 1 && orgs[0]) {
    const o = orgs[0];
    return { orgId: o.id, regionCode: o.regionCode, label: `${o.name} (${o.regionCode})` };
  }
  if (orgs.length > 1)
    throw new AppError(
      'user.invalid_scope',
      `Several organisations are called ${s}; give the id instead`,
      orgs.map((o) => ({ id: o.id, name: o.name, regionCode: o.regionCode })),
    );
  const regions = await repo.findRegionsByName(db, s);
  if (regions.length === 1 && regions[0]) {
    const r = regions[0];
    return { orgId: null, regionCode: r.code, label: `${r.name} (${r.code})` };
  }
  if (regions.length > 1)
    throw new AppError(
      'user.invalid_scope',
      `Several regions are called ${s}; give the code instead`,
      regions.map((r) => ({ code: r.code, name: r.name })),
    );
  throw new AppError('user.invalid_scope', `No region or organisation matches "${s}"`);
}
