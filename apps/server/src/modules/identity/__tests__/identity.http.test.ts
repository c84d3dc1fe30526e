import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { lastOtpCli } from '../identity.cli.ts';
import { DEMO_PASSWORD } from '../identity.seed.ts';

let ipN = 0;
const ip = () => `192.0.2.${++ipN % 250}`;

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw];
  const c = list.find((x) => typeof x === 'string' && x.startsWith('nx_session='));
  return String(c).split(';')[0]!.slice('nx_session='.length);
}

describe.each(testEngines())('identity over HTTP (%s)', (engine) => {
  let t: TestApp;
  let users: Record<string, string>;
  beforeAll(async () => {
    t = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '100000' });
    users = (await seedDemo(t.deps)).userIds;
  });
  afterAll(async () => t?.close());

  const login = (loginName: string, password = DEMO_PASSWORD, extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: loginName, password, ...extra },
      remoteAddress: ip(),
    });

  async function signIn(loginName: string) {
    const res = await login(loginName);
    expect(res.statusCode).toBe(200);
    return { cookie: cookieOf(res), csrf: res.json().csrfToken as string };
  }

  it('signs staff in with a session cookie and returns MeDto', async () => {
    const res = await login('szq.admin');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/nx_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const me = res.json();
    expect(me.user.phoneMasked).toBe('138****0001');
    expect(JSON.stringify(me)).not.toContain('13800000001');
    expect(me.permissions).toContain('users.create');
    expect(me.session.idleTimeoutSeconds).toBe(1800);
    // by phone as well
    expect((await login('138 0000 0001')).statusCode).toBe(200);
  });

  it('answers unknown and known users the same', async () => {
    const a = await login('szq.admin', 'wrong-password-123');
    const b = await login('nobody.here', 'wrong-password-123');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    const strip = (x: { code: string; message: string }) => ({ code: x.code, message: x.message });
    expect(strip(a.json())).toEqual(strip(b.json()));
    expect(a.json().code).toBe('auth.invalid_credentials');
  });

  it('locks an account after 5 failures for 15 minutes', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('szq.dispatch', 'wrong-password-123')).statusCode).toBe(401);
    const locked = await login('szq.dispatch');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('auth.account_locked');
  });

  it('GET /me needs a session; CSRF guards unsafe cookie requests', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const s = await signIn('swq.admin');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { nx_session: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(s.csrf);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { nx_session: s.cookie },
      payload: { name: '新名字' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('common.csrf');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { nx_session: s.cookie },
      headers: { 'x-csrf-token': s.csrf },
      payload: { name: '新名字' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.name).toBe('新名字');
    // `/me` is serialised once per cached credential: the change must replace that answer.
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { nx_session: s.cookie } });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.json().user.name).toBe('新名字');
    expect(again.json()).toEqual({ ...me.json(), user: { ...me.json().user, name: '新名字' } });
  });

  it('refuses a cross-site Origin on sign-in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { login: 'szq.admin', password: DEMO_PASSWORD },
      remoteAddress: ip(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('common.csrf');
  });

  it('logout revokes the session; a replayed cookie gets 401', async () => {
    const s = await signIn('auditor');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { nx_session: s.cookie },
      headers: { 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { nx_session: s.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('worker OTP: send, resend too soon, wrong code, sign in creates the account', async () => {
    const phone = '13700001234';
    const send = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp',
      payload: { phone },
      remoteAddress: ip(),
    });
    expect(send.statusCode).toBe(200);
    expect(send.json()).toEqual({ sent: true, retryAfterSeconds: 60 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp',
      payload: { phone },
      remoteAddress: ip(),
    });
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('auth.otp_too_soon');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    const code = (await lastOtpCli(t.deps, phone))!.code;
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code: wrong },
      remoteAddress: ip(),
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('auth.otp_invalid');
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
      remoteAddress: ip(),
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().user.kind).toBe('worker');
    expect(good.json().user.phoneMasked).toBe('137****1234');
    expect(good.json().session.idleTimeoutSeconds).toBe(30 * 86_400);
    // the code is single use
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
      remoteAddress: ip(),
    });
    expect(replay.statusCode).toBe(401);
  });

  it('five wrong codes void the code', async () => {
    const phone = '13700005678';
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp', payload: { phone }, remoteAddress: ip() });
    const code = (await lastOtpCli(t.deps, phone))!.code;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/otp/verify',
        payload: { phone, code: wrong },
        remoteAddress: ip(),
      });
      expect(r.statusCode).toBe(401);
    }
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
      remoteAddress: ip(),
    });
    expect(r.statusCode).toBe(401);
  });

  it('users list is filtered by scope in SQL and masked', async () => {
    const s = await signIn('szq.admin');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?pageSize=200',
      cookies: { nx_session: s.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('szq.scjg');
    expect(names).toContain('szq.community');
    expect(names).not.toContain('swq.admin');
    expect(names).not.toContain('security');
    expect(names).not.toContain('swq.jtys');
    // Ids are random: take them out, or an all-digit UUID group reads as a mobile number.
    const text = JSON.stringify(body).replace(/"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"/g, '""');
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    const sec = await signIn('security');
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?pageSize=200',
      cookies: { nx_session: sec.cookie },
    });
    expect(all.json().total).toBeGreaterThanOrEqual(14);
  });

  it('reveal needs users.reveal_pii in scope and writes pii.reveal', async () => {
    const s = await signIn('szq.admin');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${users['szq.scjg']}/reveal`,
      cookies: { nx_session: s.cookie },
      headers: { 'x-csrf-token': s.csrf },
      payload: { field: 'phone' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: '13800000007' });
    const audit = await t.database.query<{ n: string | number }>(
      "select count(*) as n from audit_log where action = 'pii.reveal' and entity_id = $1",
      [users['szq.scjg']],
    );
    expect(Number(audit.rows[0]!.n)).toBe(1);
    const out = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${users['swq.keeper']}/reveal`,
      cookies: { nx_session: s.cookie },
      headers: { 'x-csrf-token': s.csrf },
      payload: { field: 'phone' },
    });
    expect(out.statusCode).toBe(404);
  });

  it('creating staff: weak passwords refused, scope never wider than own', async () => {
    const s = await signIn('szq.admin');
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        cookies: { nx_session: s.cookie },
        headers: { 'x-csrf-token': s.csrf },
        payload,
      });
    const weak = await post({
      name: '王五',
      phone: '13600000001',
      password: 'woaini1314',
      grants: [{ role: 'dispatcher', regionCode: '511102' }],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('auth.weak_password'); // in the common list
    const common = await post({
      name: '王五',
      phone: '13600000001',
      password: '123456789a',
      grants: [{ role: 'dispatcher', regionCode: '511102' }],
    });
    expect(common.json().code).toBe('auth.weak_password');
    const wide = await post({
      name: '王五',
      phone: '13600000001',
      password: 'Tiger-lily-2026',
      grants: [{ role: 'dispatcher', regionCode: '511111' }],
    });
    expect(wide.statusCode).toBe(403);
    expect(wide.json().code).toBe('user.grant_too_wide');
    const sec = await post({
      name: '王五',
      phone: '13600000001',
      password: 'Tiger-lily-2026',
      grants: [{ role: 'security_admin', regionCode: '511102' }],
    });
    expect(sec.statusCode).toBe(403);
    const ok = await post({
      name: '王五',
      phone: '13600000001',
      username: 'szq.wangwu',
      password: 'Tiger-lily-2026',
      grants: [{ role: 'dispatcher', regionCode: '511102' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().phoneMasked).toBe('136****0001');
    expect(ok.json().actions.disable).toBe(true);
    const dup = await post({
      name: '王五',
      phone: '13600000001',
      password: 'Tiger-lily-2026',
      grants: [{ role: 'dispatcher', regionCode: '511102' }],
    });
    expect(dup.json().code).toBe('user.phone_taken');
  });

  it('disabling a user ends its sessions and tokens at once', async () => {
    const victim = await signIn('szq.community');
    const tokenRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { nx_session: (await signIn('security')).cookie },
      headers: { 'x-csrf-token': (await signIn('security')).csrf },
      payload: { name: 'x' },
    });
    void tokenRes;
    const admin = await signIn('szq.admin');
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies: { nx_session: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf },
      payload: { name: 'community bot', userId: users['szq.community'] },
    });
    expect(tok.statusCode).toBe(201);
    const bearer = tok.json().token as string;
    expect(bearer.startsWith('nx_')).toBe(true);
    const viaBearer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(viaBearer.statusCode).toBe(200);
    const dis = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${users['szq.community']}/disable`,
      cookies: { nx_session: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf },
    });
    expect(dis.statusCode).toBe(200);
    expect(dis.json().status).toBe('disabled');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { nx_session: victim.cookie } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { authorization: `Bearer ${bearer}` },
        })
      ).statusCode,
    ).toBe(401);
    const again = await login('szq.community');
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('auth.account_disabled');
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${users['szq.community']}/enable`,
      cookies: { nx_session: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf },
    });
    expect(en.json().status).toBe('active');
  });
});
