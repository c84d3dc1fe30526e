import crypto from 'node:crypto';
import { STATION_QR_TOKEN_LENGTH, stationCheckinBody } from '@nuanxin/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkinUrl, newQrSecret, qrToken, verifyQrToken } from '../stations.qr.ts';

describe('check-in QR token', () => {
  const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM';

  it('is the first 16 characters of base64url(HMAC-SHA256(secret, code))', () => {
    const want = crypto
      .createHmac('sha256', secret)
      .update('ST-511111-0003')
      .digest('base64url')
      .slice(0, 16);
    expect(qrToken(secret, 'ST-511111-0003')).toBe(want);
    expect(want).toHaveLength(STATION_QR_TOKEN_LENGTH);
    expect(want).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('verifies its own token only: other code, other secret, altered, truncated or padded tokens fail', () => {
    const t = qrToken(secret, 'ST-511111-0003');
    expect(verifyQrToken(secret, 'ST-511111-0003', t)).toBe(true);
    expect(verifyQrToken(secret, 'ST-511111-0004', t)).toBe(false);
    expect(verifyQrToken(newQrSecret(), 'ST-511111-0003', t)).toBe(false);
    expect(verifyQrToken(secret, 'ST-511111-0003', `${t.slice(0, 15)}${t[15] === 'A' ? 'B' : 'A'}`)).toBe(
      false,
    );
    expect(verifyQrToken(secret, 'ST-511111-0003', t.slice(0, 15))).toBe(false);
    expect(verifyQrToken(secret, 'ST-511111-0003', `${t}x`)).toBe(false);
    expect(verifyQrToken(secret, 'ST-511111-0003', '')).toBe(false);
  });

  it('never accepts a random token (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (t) => {
        fc.pre(t !== qrToken(secret, 'ST-511102-0001'));
        expect(verifyQrToken(secret, 'ST-511102-0001', t)).toBe(false);
      }),
    );
  });

  it('makes a new random secret each time', () => {
    const a = newQrSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newQrSecret()).not.toBe(a);
  });

  it('builds the poster URL the worker app opens', () => {
    expect(checkinUrl('https://nx.example.cn/', 'ST-511111-0003', 'abc_DEF-123')).toBe(
      'https://nx.example.cn/m/checkin/ST-511111-0003?t=abc_DEF-123',
    );
  });
});

describe('check-in body', () => {
  it('takes the code and token from the URL, and an optional position', () => {
    expect(stationCheckinBody.parse({ code: 'ST-511111-0003', t: 'x' })).toEqual({
      code: 'ST-511111-0003',
      t: 'x',
      crs: 'wgs84',
    });
    for (const bad of [
      { code: 'ST-5111-0003', t: 'x' },
      { code: 'ST-511111-0003' },
      { code: 'ST-511111-0003', t: '' },
      { code: 'ST-511111-0003', t: 'x', lat: 91 },
      { code: 'ST-511111-0003', t: 'x', crs: 'bd09' },
    ])
      expect(stationCheckinBody.safeParse(bad).success).toBe(false);
  });
});
