import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { lastOtpCli } from '../identity.cli.ts';
import { DEMO_PASSWORD } from '../identity.seed.ts';
import { client, cookieOf, freshIp, type Signed } from './http-helpers.ts';

const authenticator = (secret: string) =>
  new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });

/** A six-digit code the server must refuse: valid in none of the steps it accepts around now. */
function wrongCode(totp: OTPAuth.TOTP): string {
  const t = Date.now();
  const valid = new Set(
    [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp.generate({ timestamp: t + d })),
  );
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

describe.each(testEngines())('TOTP over HTTP (%s)', (engine) => {
  let t: TestApp;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '100000' });
    await seedDemo(t.deps);
    c = client(t.app);
  });
  afterAll(async () => t?.close());

  it('setup and enable, then sign-in needs a current code, and each code works once', async () => {
    const s = await c.signIn('szq.dispatch');
    const setup = await c.send('POST', '/me/totp/setup', s);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const totp = authenticator(secret);

    const badEnable = await c.send('POST', '/me/totp/enable', s, { code: wrongCode(totp) });
    expect(badEnable.statusCode).toBe(401);
    expect(badEnable.json().code).toBe('auth.totp_invalid');

    const enableCode = totp.generate();
    const enable = await c.send('POST', '/me/totp/enable', s, { code: enableCode });
    expect(enable.statusCode).toBe(200);
    expect(enable.json().user.totpEnabled).toBe(true);

    expect((await c.send('POST', '/auth/logout', s)).statusCode).toBe(200);

    const missing = await c.login('szq.dispatch');
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('auth.totp_required');
    expect(cookieOf(missing)).toBe('');

    const wrong = await c.login('szq.dispatch', DEMO_PASSWORD, { totp: wrongCode(totp) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.totp_invalid');

    // The code that enabled TOTP has been used: it does not sign in.
    const enableReplay = await c.login('szq.dispatch', DEMO_PASSWORD, { totp: enableCode });
    expect(enableReplay.statusCode).toBe(401);
    expect(enableReplay.json().code).toBe('auth.totp_invalid');

    // The next step's code (accepted for clock drift) has not been used yet.
    const nextStep = Date.now() + 30_000;
    const code = totp.generate({ timestamp: nextStep });
    const ok = await c.login('szq.dispatch', DEMO_PASSWORD, { totp: code });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok);
    expect(cookie).not.toBe('');
    expect((await c.get('/me', { cookie, csrf: '' })).statusCode).toBe(200);

    // Replay within the code's window: refused.
    const replay = await c.login('szq.dispatch', DEMO_PASSWORD, { totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.totp_invalid');
    expect(cookieOf(replay)).toBe('');

    const row = await t.database.query<{ step: number }>(
      "select totp_last_step as step from app_user where username = 'szq.dispatch'",
    );
    expect(Number(row.rows[0]!.step)).toBe(Math.floor(nextStep / 30_000));
  });

  it('the password is checked before the code: a wrong password with a good code is refused', async () => {
    const s = await c.signIn('szq.scjg');
    const { secret } = (await c.send('POST', '/me/totp/setup', s)).json() as { secret: string };
    const totp = authenticator(secret);
    expect((await c.send('POST', '/me/totp/enable', s, { code: totp.generate() })).statusCode).toBe(200);
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const res = await c.login('szq.scjg', 'wrong-password-123', { totp: code });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
    // A wrong password does not burn the code.
    expect((await c.login('szq.scjg', DEMO_PASSWORD, { totp: code })).statusCode).toBe(200);
  });
});

describe.each(testEngines())('forced TOTP enrolment for staff (%s)', (engine) => {
  let t: TestApp;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await buildTestApp(engine, { NUANXIN_REQUIRE_STAFF_TOTP: 'true', NUANXIN_RATE_LIMIT_MAX: '100000' });
    await seedDemo(t.deps);
    c = client(t.app);
  });
  afterAll(async () => t?.close());

  const blocked = async (s: Signed) => {
    const replies = [
      await c.get('/users', s),
      await c.get('/tokens', s),
      await c.get('/audit', s),
      await c.get('/notifications', s),
      await c.get('/orgs', s),
      await c.get('/regions', s),
      await c.send('POST', '/tokens', s, { name: 'bot' }),
    ];
    return replies.map((r) => ({ url: r.raw.req.url, status: r.statusCode, code: r.json().code }));
  };

  it('a staff member without TOTP may only enrol, then everything works', async () => {
    const res = await c.login('szq.admin');
    expect(res.statusCode).toBe(200);
    expect(res.json().totpEnrolmentRequired).toBe(true);
    const s: Signed = { cookie: cookieOf(res), csrf: res.json().csrfToken };

    for (const r of await blocked(s)) {
      expect(r, r.url).toMatchObject({ status: 403, code: 'auth.totp_enrolment_required' });
    }

    const me = await c.get('/me', s);
    expect(me.statusCode).toBe(200);
    expect(me.json().totpEnrolmentRequired).toBe(true);
    expect((await c.send('PATCH', '/me', s, { name: '市中区管理员' })).statusCode).toBe(200);
    const setup = await c.send('POST', '/me/totp/setup', s);
    expect(setup.statusCode).toBe(200);
    const totp = authenticator(setup.json().secret);
    const enable = await c.send('POST', '/me/totp/enable', s, { code: totp.generate() });
    expect(enable.statusCode).toBe(200);
    expect(enable.json().totpEnrolmentRequired).toBe(false);

    // The same session, right away: the change is not hidden by the authentication cache.
    expect((await c.get('/me', s)).json().totpEnrolmentRequired).toBe(false);
    for (const r of await blocked(s)) {
      // The audit log needs the auditor role: 403, but no longer for enrolment.
      if (r.url === '/api/v1/audit') expect(r).toMatchObject({ status: 403, code: 'common.forbidden' });
      else expect(r.status, r.url).toBeLessThan(300);
    }

    expect((await c.send('POST', '/auth/logout', s)).statusCode).toBe(200);
    expect((await c.login('szq.admin')).json().code).toBe('auth.totp_required');
  });

  it('signing out is allowed during enrolment', async () => {
    const s = await c.signIn('swq.admin');
    expect((await c.get('/users', s)).statusCode).toBe(403);
    expect((await c.send('POST', '/auth/logout', s)).statusCode).toBe(200);
    expect((await c.get('/me', s)).statusCode).toBe(401);
  });

  it('workers are not asked to enrol', async () => {
    const phone = '13900000001';
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp',
      payload: { phone },
      remoteAddress: freshIp(),
    });
    expect(sent.statusCode).toBe(200);
    const code = (await lastOtpCli(t.deps, phone))!.code;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
      remoteAddress: freshIp(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().totpEnrolmentRequired).toBe(false);
    expect((await c.get('/notifications', { cookie: cookieOf(res), csrf: '' })).statusCode).toBe(200);
  });
});
