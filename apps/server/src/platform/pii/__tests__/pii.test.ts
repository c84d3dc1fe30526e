import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, resolveMasterSecret } from '../crypto.ts';
import { maskDeep, maskIdNumber, maskName, maskPhone, maskText } from '../mask.ts';

const cipher = createPiiCipher('unit-test-secret-unit-test-secret-0123456789');

describe('PII encryption (AES-256-GCM)', () => {
  it('round-trips any string and never stores the plain text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const enc = cipher.encrypt(s);
        expect(enc.startsWith('v1:')).toBe(true);
        if (s.length >= 4) expect(enc.includes(s)).toBe(false);
        expect(cipher.decrypt(enc)).toBe(s);
      }),
    );
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('13800000001')).not.toBe(cipher.encrypt('13800000001'));
  });

  it('detects tampering', () => {
    const enc = cipher.encrypt('13800000001');
    const parts = enc.split(':');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });

  it('refuses a wrong key', () => {
    const other = createPiiCipher('another-secret-another-secret-0123456789');
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow();
  });

  it('gives a deterministic blind index that depends on the key', () => {
    const other = createPiiCipher('another-secret-another-secret-0123456789');
    expect(cipher.blindIndex('13800000001')).toBe(cipher.blindIndex('13800000001'));
    expect(cipher.blindIndex('13800000001')).not.toBe(cipher.blindIndex('13800000002'));
    expect(cipher.blindIndex('13800000001')).not.toBe(other.blindIndex('13800000001'));
    expect(cipher.mac('csrf', 'a')).not.toBe(cipher.mac('token', 'a'));
  });

  it('rejects a short master secret', () => {
    expect(() => createPiiCipher('short')).toThrow(/32/);
  });
});

describe('master secret', () => {
  it('is generated once into the data dir with mode 0600 and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-secret-'));
    const a = resolveMasterSecret({ secret: undefined, dataDir: dir, production: false, embedded: true });
    const b = resolveMasterSecret({ secret: undefined, dataDir: dir, production: false, embedded: true });
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('is required in production on PostgreSQL', () => {
    expect(() =>
      resolveMasterSecret({ secret: undefined, dataDir: '/nonexistent', production: true, embedded: false }),
    ).toThrow(/NUANXIN_SECRET/);
  });
});

describe('masking (design/china.md §4.4)', () => {
  it('masks phones 3 + 4', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
  });
  it('never shows the birth date of an ID number', () => {
    const m = maskIdNumber('511102199003071235');
    expect(m).toBe('511***********1235');
    expect(m).not.toContain('19900307');
  });
  it('keeps the family name', () => {
    expect(maskName('王')).toBe('王');
    expect(maskName('王伟')).toBe('王*');
    expect(maskName('潘东明')).toBe('潘*明');
  });
  it('masks numbers inside free text', () => {
    expect(maskText('请联系13800000001或身份证511102199003071235')).toBe(
      '请联系138****0001或身份证511***********1235',
    );
  });
  it('masks deeply by key and by pattern', () => {
    const out = maskDeep({
      phone: '13912345678',
      nested: { note: 'tel 13912345678', password: 'x' },
      list: ['13912345678'],
    });
    expect(JSON.stringify(out)).not.toContain('13912345678');
    expect(out).toEqual({
      phone: '139****5678',
      nested: { note: 'tel 139****5678', password: '[redacted]' },
      list: ['139****5678'],
    });
  });
  it('leaves no 11-digit mobile number in any masked text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.stringMatching(/^1[3-9]\d{9}$/)), { maxLength: 6 }),
        (parts) => {
          const masked = maskText(parts.join(' '));
          expect(/(?<!\d)1[3-9]\d{9}(?!\d)/.test(masked)).toBe(false);
        },
      ),
    );
  });
});
