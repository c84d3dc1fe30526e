import type {
  CreateOrgInput,
  OrgDetailDto,
  OrgDto,
  OrgItemDto,
  OrgsListQuery,
  RegionDto,
} from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Database, Db } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/ids.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts';
import { CITY_CODE } from './data/regions-511100.ts';
import {
  canCreateChild,
  canCreateRoot,
  childPath,
  depthOfPath,
  orgActions,
  pathIds,
  regionPrefix,
} from './orgs.policy.ts';
import * as repo from './orgs.repository.ts';

export function toOrgDto(row: repo.OrgRow): OrgDto {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    parentId: row.parentId,
    regionCode: row.regionCode,
    path: row.path,
    depth: row.depth,
  };
}

function toItem(actor: Actor, row: repo.OrgRow): OrgItemDto {
  return { ...toOrgDto(row), actions: orgActions(actor, row) };
}

/** Regions below `parentCode`; without it, the city and its county-level divisions. */
export async function listRegions(db: Db, parentCode?: string): Promise<RegionDto[]> {
  if (parentCode) {
    if (!(await repo.getRegion(db, parentCode))) throw notFound('Region', 'region.not_found');
    return repo.listChildRegions(db, parentCode);
  }
  const city = await repo.getRegion(db, CITY_CODE);
  return [...(city ? [city] : []), ...(await repo.listChildRegions(db, CITY_CODE))];
}

/**
 * The organisation directory. Every staff member with `orgs.read` sees all of it: dispatching and
 * co-operation cross subtrees (a 市中区 dispatcher routes to departments outside their own
 * organisation). What each actor may *do* comes back in `actions`.
 */
export async function listOrgs(db: Db, actor: Actor, q: OrgsListQuery): Promise<OrgItemDto[]> {
  const rows = await repo.listOrgRows(db, {
    parentId: q.parentId,
    q: q.q,
    kind: q.kind,
    regionPrefix: q.regionCode ? (regionPrefix(q.regionCode) ?? undefined) : undefined,
  });
  return rows.map((r) => toItem(actor, r));
}

export async function getOrgDetail(db: Db, actor: Actor, id: string): Promise<OrgDetailDto> {
  const row = await repo.getOrgRow(db, id);
  if (!row) throw notFound('Organisation', 'org.not_found');
  const ancestorIds = pathIds(row.path).slice(0, -1);
  const byId = new Map((await repo.getOrgRows(db, ancestorIds)).map((r) => [r.id, r]));
  const ancestors = ancestorIds.flatMap((a) => {
    const r = byId.get(a);
    return r ? [toOrgDto(r)] : [];
  });
  return { ...toItem(actor, row), ancestors };
}

export interface NewOrg {
  name: string;
  shortName?: string | null;
  kind: CreateOrgInput['kind'];
  parentId?: string | null;
  regionCode: string;
}

/**
 * Inserts one organisation below its parent, computing `path` and `depth`. Checks that the parent
 * and the region exist and that the parent has no child of the same name; no permission check
 * (callers: `createOrg` after its policy check, and the demo seed acting as the system).
 */
export async function insertOrgChecked(db: Db, input: NewOrg): Promise<repo.OrgRow> {
  const parentId = input.parentId ?? null;
  const parent = parentId ? await repo.getOrgRow(db, parentId) : null;
  if (parentId && !parent)
    throw validation('The parent organisation does not exist', [
      { path: 'body.parentId', message: 'org_not_found' },
    ]);
  if (!(await repo.getRegion(db, input.regionCode)))
    throw validation('The region does not exist', [{ path: 'body.regionCode', message: 'region_not_found' }]);
  if (await repo.findChildByName(db, parentId, input.name))
    throw conflict('An organisation with this name already exists there', 'common.conflict', {
      path: 'body.name',
    });
  const id = newId();
  const path = childPath(parent?.path ?? null, id);
  return repo.insertOrg(db, {
    id,
    name: input.name,
    shortName: input.shortName ?? null,
    kind: input.kind,
    parentId,
    regionCode: input.regionCode,
    path,
    depth: depthOfPath(path),
  });
}

/** orgs.create: the parent (or, for a top-level organisation, the region) must be in scope. */
export async function createOrg(
  database: Database,
  actor: Actor,
  meta: RequestMeta | null,
  input: CreateOrgInput,
): Promise<OrgItemDto> {
  const allowed = await (async () => {
    if (input.parentId) {
      const parent = await repo.getOrgRow(database.db, input.parentId);
      if (!parent) return true; // insertOrgChecked reports the missing parent
      return canCreateChild(actor, parent);
    }
    return canCreateRoot(actor, input.regionCode);
  })();
  if (!allowed) {
    await writeAudit(database.db, actor, meta, {
      action: 'org.create',
      outcome: 'denied',
      entityType: 'organisation',
      entityId: input.parentId,
      note: input.parentId ? 'parent outside scope' : `region ${input.regionCode} outside scope`,
    });
    throw forbidden('The parent organisation is outside your scope');
  }
  return inTransaction(database, async ({ tx }) => {
    const row = await insertOrgChecked(tx, input);
    await writeAudit(tx, actor, meta, {
      action: 'org.create',
      entityType: 'organisation',
      entityId: row.id,
      after: toOrgDto(row),
    });
    return toItem(actor, row);
  });
}

export function assertRegionCode(code: string): void {
  if (!regionPrefix(code)) throw new AppError('common.validation', `Not a region code: ${code}`);
}
