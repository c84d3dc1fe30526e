import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data at rest (reliability.md §2.2 8.1.4.8): AES-256-GCM with a
 * random 96-bit IV per value, plus an HMAC-SHA256 blind index so a phone can be looked up
 * without decrypting every row. Both keys are derived from one master secret with HKDF, so the
 * encryption key and the index key are independent.
 *
 * Stored form: `v1:<iv b64url>:<tag b64url>:<ciphertext b64url>`.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality lookups (phones, ID numbers). */
  blindIndex(value: string): string;
  /** Keyed HMAC for other purposes (CSRF tokens, API token hashes), separated by `purpose`. */
  mac(purpose: string, value: string): string;
}

export function createPiiCipher(masterSecret: string): PiiCipher {
  if (masterSecret.length < 32) throw new Error('The master secret must be at least 32 characters');
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', masterSecret, 'nuanxin', info, 32));
  const encKey = derive('pii-encryption-v1');
  const idxKey = derive('pii-blind-index-v1');
  const macKey = derive('mac-v1');
  const b64 = (b: Buffer) => b.toString('base64url');

  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ct)}`;
    },
    decrypt(stored) {
      const [v, iv, tag, ct] = stored.split(':');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(value) {
      return crypto.createHmac('sha256', idxKey).update(value).digest('base64url');
    },
    mac(purpose, value) {
      return crypto.createHmac('sha256', macKey).update(`${purpose}\0${value}`).digest('base64url');
    },
  };
}

/**
 * The master secret: `NUANXIN_SECRET` when set; otherwise, for the embedded engine, a key
 * generated on first start into `<dataDir>/secret.key` with mode 0600. A server on PostgreSQL in
 * production must be given the secret explicitly, because losing it loses every encrypted field.
 */
export function resolveMasterSecret(opts: {
  secret: string | undefined;
  dataDir: string;
  production: boolean;
  embedded: boolean;
}): string {
  if (opts.secret) return opts.secret;
  if (opts.production && !opts.embedded) {
    throw new Error('NUANXIN_SECRET must be set in production on PostgreSQL (at least 32 characters)');
  }
  const file = path.join(opts.dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
