import type { AppealState, AppealType } from '@nuanxin/shared';
import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { appeal, appealCategory, appealEvent } from './appeals.tables.ts';

/**
 * Read models for publishing appeals to the outside (the Open311 GeoReport endpoint). Only cases
 * with `privacy = 'public'` are ever returned, and only columns without personal data: no
 * reporter, no contact, no caller; the description is returned raw and the caller must reduce it
 * to a public summary.
 */

/** A category as a published service type. */
export interface PublicCategory {
  id: string;
  code: string;
  name: string;
  parentName: string | null;
  acceptsPublic: boolean;
  /** Whether other categories hang below it (an area rather than a problem). */
  hasChildren: boolean;
  sort: number;
}

/** A public case, without personal data. */
export interface PublicAppealRow {
  id: string;
  caseNo: string;
  type: AppealType;
  state: AppealState;
  categoryCode: string;
  categoryName: string;
  regionCode: string;
  regionName: string;
  leadUnitName: string | null;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reopenCount: number;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  dispatchDueAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** A public timeline event of a public case (the note is left out: it may name people). */
export interface PublicAppealEventRow {
  id: string;
  caseNo: string;
  at: Date;
  action: string;
  fromState: AppealState | null;
  toState: AppealState | null;
  /** `satisfaction` of a visit, when the event is one. */
  satisfaction: string | null;
}

export interface PublicAppealFilter {
  /** Case numbers; when given, every other filter is ignored. */
  caseNos?: readonly string[] | undefined;
  categoryCodes?: readonly string[] | undefined;
  states?: readonly AppealState[] | undefined;
  /** Filed at or after. */
  from?: Date | undefined;
  /** Filed before. */
  to?: Date | undefined;
  limit: number;
  offset: number;
}

const parent = alias(appealCategory, 'parent_category');

export async function listPublicCategories(db: Db): Promise<PublicCategory[]> {
  const rows = await db
    .select({
      id: appealCategory.id,
      code: appealCategory.code,
      name: appealCategory.name,
      parentName: parent.name,
      acceptsPublic: appealCategory.acceptsPublic,
      sort: appealCategory.sort,
      hasChildren: sql<boolean>`exists (select 1 from appeal_category c where c.parent_id = ${appealCategory.id})`,
    })
    .from(appealCategory)
    .leftJoin(parent, eq(parent.id, appealCategory.parentId))
    // A disabled category (or a problem of a disabled area) is no longer offered.
    .where(and(eq(appealCategory.enabled, true), sql`coalesce(${parent.enabled}, true)`))
    .orderBy(
      asc(sql`coalesce(${parent.sort}, ${appealCategory.sort})`),
      asc(appealCategory.sort),
      asc(appealCategory.code),
    );
  return rows.map((r) => ({ ...r, hasChildren: Boolean(r.hasChildren) }));
}

const publicColumns = {
  id: appeal.id,
  caseNo: appeal.caseNo,
  type: appeal.type,
  state: appeal.state,
  categoryCode: appealCategory.code,
  categoryName: appealCategory.name,
  regionCode: appeal.regionCode,
  regionName: region.name,
  leadUnitName: organisation.name,
  description: appeal.description,
  address: appeal.address,
  lat: appeal.lat,
  lng: appeal.lng,
  reopenCount: appeal.reopenCount,
  createdAt: appeal.createdAt,
  updatedAt: appeal.updatedAt,
  dueAt: appeal.dueAt,
  dispatchDueAt: appeal.dispatchDueAt,
  resolvedAt: appeal.resolvedAt,
  closedAt: appeal.closedAt,
};

/** Public cases matching the filter, newest first, plus the number of matches. */
export async function listPublicAppeals(
  db: Db,
  f: PublicAppealFilter,
): Promise<{ rows: PublicAppealRow[]; total: number }> {
  const conds: SQL[] = [eq(appeal.privacy, 'public')];
  if (f.caseNos) conds.push(inArray(appeal.caseNo, f.caseNos.length ? [...f.caseNos] : ['']));
  else {
    if (f.categoryCodes?.length) conds.push(inArray(appealCategory.code, [...f.categoryCodes]));
    if (f.states?.length) conds.push(inArray(appeal.state, [...f.states]));
    if (f.from) conds.push(gte(appeal.createdAt, f.from));
    if (f.to) conds.push(lt(appeal.createdAt, f.to));
  }
  const where = and(...conds);
  const base = () =>
    db
      .select(publicColumns)
      .from(appeal)
      .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
      .innerJoin(region, eq(region.code, appeal.regionCode))
      .leftJoin(organisation, eq(organisation.id, appeal.leadUnitId));
  const [rows, [count]] = await Promise.all([
    base().where(where).orderBy(desc(appeal.createdAt), desc(appeal.caseNo)).limit(f.limit).offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(appeal)
      .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One public case by its case number, or null (unknown or not public). */
export async function getPublicAppeal(db: Db, caseNo: string): Promise<PublicAppealRow | null> {
  const { rows } = await listPublicAppeals(db, { caseNos: [caseNo], limit: 1, offset: 0 });
  return rows[0] ?? null;
}

/**
 * Public timeline events (`appeal_event.public`) of public cases in [from, to), oldest first,
 * plus the number of matches.
 */
export async function listPublicAppealEvents(
  db: Db,
  f: { from: Date; to: Date; limit: number; offset: number },
): Promise<{ rows: PublicAppealEventRow[]; total: number }> {
  const where = and(
    eq(appealEvent.public, true),
    eq(appeal.privacy, 'public'),
    gte(appealEvent.at, f.from),
    lt(appealEvent.at, f.to),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: appealEvent.id,
        caseNo: appeal.caseNo,
        at: appealEvent.at,
        action: appealEvent.action,
        fromState: appealEvent.fromState,
        toState: appealEvent.toState,
        satisfaction: sql<string | null>`${appealEvent.data} ->> 'satisfaction'`,
      })
      .from(appealEvent)
      .innerJoin(appeal, eq(appeal.id, appealEvent.appealId))
      .where(where)
      .orderBy(asc(appealEvent.at), asc(appealEvent.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(appealEvent)
      .innerJoin(appeal, eq(appeal.id, appealEvent.appealId))
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** County-level regions below a city (for the region attribute), by code. */
export async function listCountiesOf(db: Db, cityCode: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(and(eq(region.parentCode, cityCode), eq(region.level, 'county'), isNull(region.effectiveTo)))
    .orderBy(asc(region.code));
}
