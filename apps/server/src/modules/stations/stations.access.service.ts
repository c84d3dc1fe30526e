import {
  COMPOUND_DUPLICATE_RADIUS_M,
  type CompoundAccessCardDto,
  type CompoundAccessDto,
  type CompoundAccessNearbyQuery,
  type CompoundAccessNearbyReply,
  type CompoundAccessQueueQuery,
  type CompoundAccessQueueReply,
  compoundNameKey,
  containsGateCode,
  type MyCompoundAccessReply,
  type ReportCompoundAccessInput,
  type ReviewCompoundAccessInput,
  regionPrefix,
} from '@nuanxin/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { distanceExpr, earthOf, haversineMeters, nearbyCondition, toWgs84 } from '../../platform/geo/geo.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import type { CompoundAccessEventPayload } from './stations.access.events.ts';
import {
  canSeeNote,
  isReviewer,
  mayReview,
  type NoteFacts,
  showsReporter,
} from './stations.access.policy.ts';
import * as repo from './stations.access.repository.ts';
import { compoundAccess } from './stations.access.tables.ts';
import { containsPattern, type ParkingAccessScope, regionsSql } from './stations.parking.policy.ts';
import { assertPlaceRegion, resolveParkingAccessScope } from './stations.parking.service.ts';

/**
 * Use cases of compound-access notes 小区进门. A worker reports (once per Idempotency-Key);
 * community staff or the district admin of the region confirm or reject with a reason; the
 * reporter is notified through the `compound_access.reviewed` event. Each change is one
 * transaction with its audit row and its event. Gate codes are never stored.
 */

export interface CompoundAccessServiceOptions {
  now?: () => Date;
  /** Reports one worker may file in 24 hours (429 common.rate_limited beyond). */
  dailyReportLimit?: number;
}

const DAY_MS = 86_400_000;
const MY_REPORTS_LIMIT = 100;

export type CompoundAccessService = ReturnType<typeof createCompoundAccessService>;

/** Refuses a text with a 4–8 digit run (a gate code): 400 compound_access.no_codes naming the field. */
export function assertNoGateCodes(fields: Record<string, string | null | undefined>): void {
  const bad = Object.entries(fields)
    .filter(([, v]) => containsGateCode(v))
    .map(([k]) => k);
  if (bad.length)
    throw new AppError(
      'compound_access.no_codes',
      'Gate codes are never stored: remove every run of 4–8 digits from the text',
      { fields: bad },
    );
}

export function createCompoundAccessService(deps: PlatformDeps, opts: CompoundAccessServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const dailyLimit = opts.dailyReportLimit ?? 20;
  const onAfterCommitError = (err: unknown) =>
    deps.log.error({ err }, 'compound access after-commit work failed');

  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const factsOf = (n: repo.NoteRow): NoteFacts => ({
    status: n.status,
    regionCode: n.regionCode,
    reportedBy: n.reportedBy,
  });

  function toDto(
    r: repo.NoteNamedRow,
    scope: ParkingAccessScope,
    duplicates: CompoundAccessDto['duplicates'] = [],
  ): CompoundAccessDto {
    const n = r.n;
    const facts = factsOf(n);
    const staffView = isReviewer(scope, facts);
    return {
      id: n.id,
      compoundName: n.compoundName,
      regionCode: n.regionCode,
      regionName: r.regionName,
      lat: Number(n.lat),
      lng: Number(n.lng),
      address: n.address,
      entry: n.entry,
      note: n.note,
      status: n.status,
      mine: n.reportedBy === scope.userId,
      reporterName: showsReporter(scope, facts) ? r.reporterName : null,
      createdAt: n.createdAt.toISOString(),
      reviewedAt: iso(n.reviewedAt),
      reviewedByName: staffView ? r.reviewerName : null,
      reviewReason: n.reviewReason,
      duplicates,
      actions: { review: mayReview(scope, facts) },
    };
  }

  async function detail(db: Db, scope: ParkingAccessScope, id: string): Promise<CompoundAccessDto> {
    const [row] = await repo.listNotesNamed(db, eq(compoundAccess.id, id), 'newest', 1);
    if (!row || !canSeeNote(scope, factsOf(row.n)))
      throw notFound('Compound access note', 'compound_access.not_found');
    return toDto(row, scope);
  }

  function payloadOf(n: repo.NoteRow): CompoundAccessEventPayload {
    return {
      noteId: n.id,
      regionCode: n.regionCode,
      compoundName: n.compoundName,
      reporterUserId: n.reportedBy,
      status: n.status,
    };
  }

  // ---- worker ------------------------------------------------------------------------------

  /** A worker reports a note; the same Idempotency-Key answers the first report again (200). */
  async function report(
    actor: Actor,
    meta: RequestMeta | null,
    input: ReportCompoundAccessInput,
    idempotencyKey?: string,
  ): Promise<{ note: CompoundAccessDto; created: boolean }> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    if (!scope.canReport) throw forbidden('Only workers report compound-access notes');
    if (idempotencyKey) {
      const existing = await repo.findByIdempotencyKey(db, actor.userId, idempotencyKey);
      if (existing) return { note: await detail(db, scope, existing), created: false };
    }
    assertNoGateCodes({ compoundName: input.compoundName, note: input.note, address: input.address });
    await assertPlaceRegion(db, input.regionCode);
    const point = toWgs84(input.location);
    const at = now();
    if ((await repo.countReportsSince(db, actor.userId, new Date(at.getTime() - DAY_MS))) >= dailyLimit)
      throw new AppError('common.rate_limited', `At most ${dailyLimit} reports a day`, {
        limit: dailyLimit,
      });
    const id = await inTransaction(
      database,
      async (uow) => {
        const row = await repo.insertNote(uow.tx, {
          compoundName: input.compoundName,
          nameKey: compoundNameKey(input.compoundName),
          regionCode: input.regionCode,
          lat: point.lat,
          lng: point.lng,
          address: input.address || null,
          entry: input.entry,
          note: input.note || null,
          reportedBy: actor.userId,
          idempotencyKey: idempotencyKey ?? null,
          createdAt: at,
          updatedAt: at,
        });
        if (!row) return null;
        await writeAudit(uow.tx, actor, meta, {
          action: 'compound_access.report',
          entityType: 'compound_access',
          entityId: row.id,
          after: {
            compoundName: row.compoundName,
            regionCode: row.regionCode,
            entry: row.entry,
            note: row.note,
          },
        });
        await deps.events.publish(uow, 'compound_access.reported', payloadOf(row), actor.userId);
        return row.id;
      },
      onAfterCommitError,
    );
    // A concurrent request with the same key won the insert: answer with its note.
    if (!id) return report(actor, meta, input, idempotencyKey);
    return { note: await detail(db, scope, id), created: true };
  }

  /**
   * Confirmed notes around a point, nearest first, for any signed-in user; the actor's own
   * reports still waiting for review come along (marked `mine`).
   */
  async function nearby(actor: Actor, q: CompoundAccessNearbyQuery): Promise<CompoundAccessNearbyReply> {
    const p = toWgs84({ lat: q.lat, lng: q.lng, crs: q.crs });
    const place = nearbyCondition(earthOf(compoundAccess.lat, compoundAccess.lng), p.lat, p.lng, q.radius);
    const visible = sql`(${compoundAccess.status} = 'confirmed' or (${compoundAccess.status} = 'reported' and ${compoundAccess.reportedBy} = ${actor.userId}))`;
    const rows = await repo.nearbyNotes(
      database.db,
      and(place, visible)!,
      distanceExpr(earthOf(compoundAccess.lat, compoundAccess.lng), p.lat, p.lng),
      q.limit,
    );
    return {
      items: rows.map(
        ({ n, distance }): CompoundAccessCardDto => ({
          id: n.id,
          compoundName: n.compoundName,
          regionCode: n.regionCode,
          lat: Number(n.lat),
          lng: Number(n.lng),
          address: n.address,
          entry: n.entry,
          note: n.note,
          status: n.status,
          mine: n.reportedBy === actor.userId,
          distanceMeters: Math.round(distance),
          reviewedAt: iso(n.reviewedAt),
          createdAt: n.createdAt.toISOString(),
        }),
      ),
    };
  }

  /** The actor's own reports, every status, newest first. */
  async function mine(actor: Actor): Promise<MyCompoundAccessReply> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    const rows = await repo.listNotesNamed(
      db,
      eq(compoundAccess.reportedBy, actor.userId),
      'newest',
      MY_REPORTS_LIMIT,
    );
    return { items: rows.map((r) => toDto(r, scope)) };
  }

  // ---- staff -------------------------------------------------------------------------------

  /** Other notes (not rejected) with the same name within 150 m of each listed note. */
  async function duplicatesOf(
    db: Db,
    notes: repo.NoteRow[],
  ): Promise<Map<string, CompoundAccessDto['duplicates']>> {
    const candidates = await repo.notesByNameKeys(db, [...new Set(notes.map((n) => n.nameKey))]);
    const out = new Map<string, CompoundAccessDto['duplicates']>();
    for (const n of notes) {
      const list = candidates
        .filter((c) => c.id !== n.id && c.nameKey === n.nameKey)
        .map((c) => ({ c, d: haversineMeters(n, c) }))
        .filter(({ d }) => d <= COMPOUND_DUPLICATE_RADIUS_M)
        .sort((a, b) => a.d - b.d)
        .map(({ c, d }) => ({
          id: c.id,
          compoundName: c.compoundName,
          entry: c.entry,
          note: c.note,
          status: c.status,
          distanceMeters: Math.round(d),
          createdAt: c.createdAt.toISOString(),
        }));
      out.set(n.id, list);
    }
    return out;
  }

  /** The review queue of the actor's regions: pending first, with duplicate suggestions. */
  async function queue(actor: Actor, q: CompoundAccessQueueQuery): Promise<CompoundAccessQueueReply> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    const conds: SQL[] = [regionsSql(scope.reviewRegions, sql`${compoundAccess.regionCode}`)];
    if (q.regionCode) {
      const p = regionPrefix(q.regionCode);
      if (p) conds.push(sql`${compoundAccess.regionCode} like ${`${p}%`}`);
    }
    if (q.q) {
      const text = containsPattern(q.q);
      conds.push(
        sql`(${compoundAccess.compoundName} ilike ${text} or ${compoundAccess.address} ilike ${text})`,
      );
    }
    const base = and(...conds);
    const where = q.status ? and(base, eq(compoundAccess.status, q.status)) : base;
    const [rows, counts] = await Promise.all([
      repo.listNotesNamed(db, where, 'queue', q.pageSize, (q.page - 1) * q.pageSize),
      repo.countByStatus(db, base),
    ]);
    const dups = await duplicatesOf(
      db,
      rows.map((r) => r.n),
    );
    const total = q.status ? counts[q.status] : counts.reported + counts.confirmed + counts.rejected;
    return {
      items: rows.map((r) => toDto(r, scope, dups.get(r.n.id) ?? [])),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts,
    };
  }

  /** Confirm or reject a reported note of the actor's regions (a reason is required to reject). */
  async function review(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    input: ReviewCompoundAccessInput,
  ): Promise<CompoundAccessDto> {
    const db = database.db;
    const scope = await resolveParkingAccessScope(db, actor);
    const reason = input.reason?.trim() || null;
    if (input.decision === 'reject' && (!reason || reason.length < 2))
      throw new AppError(
        'compound_access.reason_required',
        'Say why the note is rejected (2–200 characters)',
      );
    await inTransaction(
      database,
      async (uow) => {
        const before = await repo.getNoteForUpdate(uow.tx, id);
        if (!before || !canSeeNote(scope, factsOf(before)))
          throw notFound('Compound access note', 'compound_access.not_found');
        if (!isReviewer(scope, factsOf(before))) throw forbidden('Only staff of the note’s region review it');
        if (before.status !== 'reported')
          throw new AppError('compound_access.already_reviewed', 'This note has already been reviewed', {
            status: before.status,
          });
        const at = now();
        const after = await repo.updateNote(uow.tx, id, {
          status: input.decision === 'confirm' ? 'confirmed' : 'rejected',
          reviewedBy: actor.userId,
          reviewedAt: at,
          reviewReason: reason,
          version: before.version + 1,
          updatedAt: at,
        });
        await writeAudit(uow.tx, actor, meta, {
          action: `compound_access.${input.decision}`,
          entityType: 'compound_access',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status, reason },
        });
        await deps.events.publish(
          uow,
          'compound_access.reviewed',
          { ...payloadOf(after), decision: input.decision, reason },
          actor.userId,
        );
      },
      onAfterCommitError,
    );
    return detail(db, scope, id);
  }

  return { report, nearby, mine, queue, review };
}
