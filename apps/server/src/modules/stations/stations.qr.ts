import crypto from 'node:crypto';
import { STATION_QR_TOKEN_LENGTH } from '@nuanxin/shared';

/**
 * The check-in QR of a station poster: `<public URL>/m/checkin/<code>?t=<token>` with
 * `token = base64url(HMAC-SHA256(qr_secret, code))[0..16]`. The secret never leaves the server;
 * rotating it (a new secret) voids every printed poster of the station. Pure apart from the
 * random secret.
 */

/** A new random secret (32 bytes, base64url). */
export function newQrSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** The token printed in the QR of station `code`. */
export function qrToken(secret: string, code: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(code)
    .digest('base64url')
    .slice(0, STATION_QR_TOKEN_LENGTH);
}

/** Whether `token` is the station's current token (constant-time comparison). */
export function verifyQrToken(secret: string, code: string, token: string): boolean {
  const want = Buffer.from(qrToken(secret, code));
  const got = Buffer.from(token);
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** The URL the poster's QR encodes. */
export function checkinUrl(publicUrl: string, code: string, token: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/m/checkin/${encodeURIComponent(code)}?t=${encodeURIComponent(token)}`;
}
