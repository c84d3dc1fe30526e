import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { lastOtpCli } from '../identity.cli.ts';
import { DEMO_PASSWORD } from '../identity.seed.ts';
import { sessionCookieHeader } from './http-helpers.ts';

// Limits and cookie attributes do not depend on the engine: the embedded one is enough.

describe('sign-in rate limit (10 a minute per client address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('pglite');
  });
  afterAll(async () => t?.close());

  const expectLimited = (res: Awaited<ReturnType<TestApp['app']['inject']>>) => {
    expect(res.statusCode).toBe(429);
    const body = res.json();
    expect(body.code).toBe('common.rate_limited');
    expect(typeof body.message).toBe('string');
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('answers the 11th POST /auth/login from one address with 429', async () => {
    const remoteAddress = '203.0.113.7';
    const login = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `nobody.${n}`, password: 'wrong-password-123' },
        remoteAddress,
      });
    for (let i = 1; i <= 10; i++) expect((await login(i)).statusCode, `attempt ${i}`).toBe(401);
    expectLimited(await login(11));
    // The right password does not get through the limit either.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'szq.admin', password: DEMO_PASSWORD },
      remoteAddress,
    });
    expect(right.statusCode).toBe(429);
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'nobody.0', password: 'wrong-password-123' },
      remoteAddress: '203.0.113.8',
    });
    expect(other.statusCode).toBe(401);
  });

  it('answers the 11th POST /auth/otp from one address with 429', async () => {
    const remoteAddress = '203.0.113.9';
    // A different phone each time, so the per-phone resend rule never answers first.
    const send = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/otp',
        payload: { phone: `1370000${String(n).padStart(4, '0')}` },
        remoteAddress,
      });
    for (let i = 1; i <= 10; i++) expect((await send(i)).statusCode, `send ${i}`).toBe(200);
    const limited = await send(11);
    expectLimited(limited);
    // Refused before the handler: no code was sent to the 11th phone.
    expect(await lastOtpCli(t.deps, '13700000011')).toBeFalsy();
  });
});

describe('session cookie attributes', () => {
  let plain: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    plain = await buildTestApp('pglite');
    secure = await buildTestApp('pglite', { NUANXIN_PUBLIC_URL: 'https://nuanxin.example' });
    await seedDemo(plain.deps);
    await seedDemo(secure.deps);
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
  });

  const attributes = (header: string | undefined) => {
    expect(header).toBeDefined();
    return header!
      .split(';')
      .slice(1)
      .map((a) => a.trim().split('=')[0]!.toLowerCase());
  };

  async function cookiesOf(t: TestApp) {
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'szq.admin', password: DEMO_PASSWORD },
      remoteAddress: '203.0.113.20',
    });
    expect(password.statusCode).toBe(200);
    const phone = '13700002222';
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp',
      payload: { phone },
      remoteAddress: '203.0.113.21',
    });
    const code = (await lastOtpCli(t.deps, phone))!.code;
    const otp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
      remoteAddress: '203.0.113.21',
    });
    expect(otp.statusCode).toBe(200);
    return [sessionCookieHeader(password), sessionCookieHeader(otp)];
  }

  it('is Secure when the public address is https', async () => {
    for (const header of await cookiesOf(secure)) {
      const a = attributes(header);
      expect(a).toContain('secure');
      expect(a).toContain('httponly');
      expect(header).toMatch(/; SameSite=Lax(;|$)/);
      expect(header).toMatch(/; Path=\/(;|$)/);
    }
  });

  it('is not Secure over plain http, and always HttpOnly, SameSite=Lax, Path=/', async () => {
    for (const header of await cookiesOf(plain)) {
      const a = attributes(header);
      expect(a).not.toContain('secure');
      expect(a).toContain('httponly');
      expect(header).toMatch(/; SameSite=Lax(;|$)/);
      expect(header).toMatch(/; Path=\/(;|$)/);
    }
  });
});
