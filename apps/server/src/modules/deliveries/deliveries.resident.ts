import crypto from 'node:crypto';
import { DELIVERY_RADIUS_M, type ResidentMeReply } from '@nuanxin/shared';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { haversineMeters } from '../../platform/geo/geo.ts';
import { platformSmsSender, type SmsSender } from '../../platform/notify/senders.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { type CodeCheck, codeError, createPhoneCodes } from '../identity/index.ts';
import { type DeliveryScope, residentScope } from './deliveries.policy.ts';
import * as repo from './deliveries.repository.ts';

/**
 * Residents' self-service sessions (CAN-05: "a resident … files a request … confirms receipt";
 * docs/deliveries.md "Residents"). Residents have no accounts: the community's register is the
 * list of who may ask, and an SMS code to the phone on the register proves who is asking. A
 * session covers every active resident registered with that phone, for seven days; it is its
 * own cookie, scoped to the resident routes, with its own CSRF token, and knows nothing of
 * worker or staff sessions.
 */

export const RESIDENT_COOKIE = 'nx_resident';
export const RESIDENT_COOKIE_PATH = '/api/v1/resident';
const SESSION_SECONDS = 7 * 86_400;
/** `last_seen_at` is written at most this often (a page load is several requests). */
const TOUCH_MS = 5 * 60_000;

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

/** A live resident session, resolved per request. */
export interface ResidentAuth {
  sessionId: string;
  phoneIndex: string;
  phoneMasked: string;
  scope: DeliveryScope;
  residents: repo.BeneficiaryNamedRow[];
}

export type ResidentService = ReturnType<typeof createResidentService>;

export function createResidentService(deps: PlatformDeps, opts: { sms?: SmsSender; now?: () => Date } = {}) {
  const { database, pii } = deps;
  const now = opts.now ?? (() => new Date());
  const codes = createPhoneCodes({ pii, sms: opts.sms ?? platformSmsSender(deps), now });
  const tx = <T>(fn: (db: Db) => Promise<T>) =>
    inTransaction(
      database,
      ({ tx }) => fn(tx as unknown as Db),
      (err) => deps.log.error({ err }, 'after commit'),
    );

  /**
   * Sends a code when the phone is on the register. An unregistered phone gets the same answer
   * and the same throttling, but no SMS: the answer never tells who is registered.
   */
  async function requestCode(phone: string, meta: RequestMeta) {
    return tx(async (db) => {
      const registered = await repo.isRegisteredPhone(db, pii.blindIndex(phone));
      return codes.issue(db, 'resident', phone, meta, { deliver: registered });
    });
  }

  /**
   * Checks the code and opens a session. A wrong or expired code, and a phone no longer on the
   * register, answer alike (400 auth.otp_invalid / auth.otp_expired); the attempt is committed.
   */
  async function signIn(phone: string, code: string, meta: RequestMeta) {
    const phoneIndex = pii.blindIndex(phone);
    const result = await tx(async (db): Promise<{ error: Exclude<CodeCheck, 'ok'> } | { token: string }> => {
      const checked = await codes.check(db, 'resident', phone, code, meta);
      if (checked !== 'ok') return { error: checked };
      if (!(await repo.isRegisteredPhone(db, phoneIndex))) return { error: 'auth.otp_invalid' as const };
      const token = crypto.randomBytes(32).toString('base64url');
      const at = now();
      const id = sha256(token);
      await repo.insertResidentSession(db, {
        id,
        phoneIndex,
        phoneMasked: maskPhone(phone),
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + SESSION_SECONDS * 1000),
      });
      await writeAudit(db, null, meta, {
        action: 'resident.sign_in',
        entityType: 'resident_session',
        note: maskPhone(phone),
      });
      return { token };
    });
    if ('error' in result) throw codeError(result.error);
    return { token: result.token, maxAgeSeconds: SESSION_SECONDS };
  }

  /** The session of a cookie, or null when there is none, it has ended or nobody is registered any more. */
  async function authenticate(token: string | undefined): Promise<ResidentAuth | null> {
    if (!token || token.length > 200) return null;
    const db = database.db;
    const s = await repo.getResidentSession(db, sha256(token));
    const at = now();
    if (!s || s.revokedAt || s.expiresAt.getTime() <= at.getTime()) return null;
    const residents = await repo.residentsByPhone(db, s.phoneIndex);
    if (residents.length === 0) return null;
    if (at.getTime() - s.lastSeenAt.getTime() > TOUCH_MS) await repo.touchResidentSession(db, s.id, at);
    return {
      sessionId: s.id,
      phoneIndex: s.phoneIndex,
      phoneMasked: s.phoneMasked,
      scope: residentScope(
        s.id,
        residents.map((r) => r.b.id),
      ),
      residents,
    };
  }

  function csrfToken(sessionId: string): string {
    return pii.mac('resident-csrf', sessionId);
  }

  function csrfValid(sessionId: string, header: string | undefined): boolean {
    if (!header) return false;
    const want = Buffer.from(csrfToken(sessionId));
    const got = Buffer.from(header);
    return want.length === got.length && crypto.timingSafeEqual(want, got);
  }

  /** Who is signed in, with the canteens within 5 km of each home, nearest first. */
  async function me(auth: ResidentAuth): Promise<ResidentMeReply> {
    const canteens = await repo.canteens(database.db);
    return {
      phoneMasked: auth.phoneMasked,
      csrfToken: csrfToken(auth.sessionId),
      residents: auth.residents.map((r) => {
        const home = { lat: Number(r.b.lat), lng: Number(r.b.lng) };
        return {
          id: r.b.id,
          name: r.b.name,
          address: r.b.address,
          communityName: r.communityName,
          dietNotes: r.b.dietNotes,
          freeMeals: r.b.freeMeals,
          canteens: canteens
            .map((c) => ({
              id: c.id,
              name: c.name,
              address: c.address,
              distanceM: Math.round(haversineMeters(home, { lat: Number(c.lat), lng: Number(c.lng) })),
            }))
            .filter((c) => c.distanceM <= DELIVERY_RADIUS_M)
            .sort((a, b) => a.distanceM - b.distanceM),
        };
      }),
    };
  }

  async function signOut(auth: ResidentAuth, meta: RequestMeta): Promise<void> {
    await tx(async (db) => {
      await repo.revokeResidentSession(db, auth.sessionId, now());
      await writeAudit(db, null, meta, {
        action: 'resident.sign_out',
        entityType: 'resident_session',
        note: auth.phoneMasked,
      });
    });
  }

  /**
   * Fills the phone index of residents registered before it existed (decrypting each phone
   * once). Runs at start-up; a no-op once every row has it.
   */
  async function backfillPhoneIndex(): Promise<number> {
    let done = 0;
    for (;;) {
      const rows = await repo.beneficiariesWithoutPhoneIndex(database.db, 200);
      if (rows.length === 0) return done;
      await tx(async (db) => {
        for (const r of rows)
          await repo.updateBeneficiary(db, r.id, { phoneIndex: pii.blindIndex(pii.decrypt(r.phoneEnc)) });
      });
      done += rows.length;
    }
  }

  return {
    requestCode,
    signIn,
    authenticate,
    csrfValid,
    me,
    signOut,
    backfillPhoneIndex,
  };
}
