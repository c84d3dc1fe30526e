import crypto from 'node:crypto';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { SmsSender, SmsTemplate } from '../../platform/notify/senders.ts';
import type { PiiCipher } from '../../platform/pii/crypto.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { OTP_RULES, otpCheck, otpSendDecision } from './identity.policy.ts';
import * as repo from './identity.repository.ts';

/**
 * One-time SMS codes, for every purpose the platform proves control of a phone with: a worker's
 * sign-in, and a registered resident's self-service (docs/deliveries.md). A purpose keeps codes of
 * its own (a resident's code never signs anyone in as a worker), but the same rules: one code a
 * minute, ten a day, five minutes' life, five wrong tries void it, only a hash is stored.
 */
export type CodePurpose = 'sign_in' | 'resident';

const TEMPLATE: Record<CodePurpose, SmsTemplate> = { sign_in: 'otp', resident: 'resident_otp' };

export type CodeCheck = 'ok' | 'auth.otp_invalid' | 'auth.otp_expired';

export function createPhoneCodes(deps: { pii: PiiCipher; sms: SmsSender; now: () => Date }) {
  const { pii, sms, now } = deps;

  /** Where the codes of `purpose` for `phone` are kept (the sign-in codes under the blind index). */
  const indexOf = (purpose: CodePurpose, phone: string) =>
    purpose === 'sign_in' ? pii.blindIndex(phone) : pii.mac(`otp-${purpose}`, phone);

  /**
   * Issues a code inside the caller's transaction. With `deliver: false` the code is kept but no
   * SMS leaves — so an unregistered phone is answered and throttled exactly like a registered one
   * and nobody learns from the answer who is registered. Throws 429 when the phone asked too often.
   */
  async function issue(
    db: Db,
    purpose: CodePurpose,
    phone: string,
    meta: RequestMeta,
    opts: { deliver: boolean } = { deliver: true },
  ): Promise<{ retryAfterSeconds: number }> {
    const index = indexOf(purpose, phone);
    await repo.lockPhone(db, index);
    const at = now();
    const last = await repo.latestOtp(db, index);
    const today = await repo.countOtpSince(db, index, new Date(at.getTime() - 86_400_000));
    const decision = otpSendDecision(last?.createdAt ?? null, today, at);
    if (!decision.ok) {
      if (decision.reason === 'too_soon') {
        throw new AppError(
          'auth.otp_too_soon',
          'A code was sent less than a minute ago',
          { retryAfterSeconds: decision.retryAfterSeconds },
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
      throw new AppError('auth.otp_daily_limit', 'Too many codes for this phone today', undefined, {
        'retry-after': '3600',
      });
    }
    await repo.voidLiveOtps(db, index, at);
    const code = crypto
      .randomInt(0, 10 ** OTP_RULES.digits)
      .toString()
      .padStart(OTP_RULES.digits, '0');
    await repo.insertOtp(db, {
      phoneIndex: index,
      codeHash: pii.mac('otp', `${index}:${code}`),
      createdAt: at,
      expiresAt: new Date(at.getTime() + OTP_RULES.ttlSeconds * 1000),
    });
    if (opts.deliver) await sms.send(db, phone, TEMPLATE[purpose], { code });
    await writeAudit(db, null, meta, {
      action: purpose === 'sign_in' ? 'auth.otp_request' : `auth.otp_request.${purpose}`,
      note: maskPhone(phone),
    });
    return { retryAfterSeconds: OTP_RULES.resendSeconds };
  }

  /**
   * Checks and, when right, consumes the live code inside the caller's transaction. A wrong code
   * counts an attempt (the fifth voids the code) and is audited as a failure; the caller decides
   * what to do with 'ok' and must commit either way, so the attempt is never lost.
   */
  async function check(
    db: Db,
    purpose: CodePurpose,
    phone: string,
    code: string,
    meta: RequestMeta,
  ): Promise<CodeCheck> {
    const index = indexOf(purpose, phone);
    await repo.lockPhone(db, index);
    const at = now();
    const live = await repo.liveOtp(db, index);
    const matches =
      live !== undefined &&
      crypto.timingSafeEqual(Buffer.from(live.codeHash), Buffer.from(pii.mac('otp', `${index}:${code}`)));
    const outcome = otpCheck(
      live ? { expiresAt: live.expiresAt, attempts: live.attempts, matches } : null,
      at,
    );
    if (outcome === 'none') return 'auth.otp_invalid';
    if (outcome === 'expired') {
      await repo.updateOtp(db, live!.id, { voidedAt: at });
      return 'auth.otp_expired';
    }
    if (outcome === 'wrong' || outcome === 'wrong_and_void') {
      await repo.updateOtp(db, live!.id, {
        attempts: live!.attempts + 1,
        ...(outcome === 'wrong_and_void' ? { voidedAt: at } : {}),
      });
      await writeAudit(db, null, meta, {
        action: purpose === 'sign_in' ? 'auth.otp_verify' : `auth.otp_verify.${purpose}`,
        outcome: 'failure',
        note: maskPhone(phone),
      });
      return 'auth.otp_invalid';
    }
    await repo.updateOtp(db, live!.id, { consumedAt: at });
    return 'ok';
  }

  return { issue, check };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;

/** The error a failed check answers with (400). */
export function codeError(result: Exclude<CodeCheck, 'ok'>): AppError {
  return new AppError(result, result === 'auth.otp_expired' ? 'The code has expired' : 'Wrong code');
}
