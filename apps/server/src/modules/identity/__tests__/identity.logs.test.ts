import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.ts';
import { loadConfig } from '../../../config.ts';
import { createWorkCalendar, seedCalendar } from '../../../platform/calendar/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/db/testing.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { createEventDispatcher } from '../../../platform/events/dispatcher.ts';
import { createJobs } from '../../../platform/jobs/jobs.ts';
import { createLogger } from '../../../platform/log.ts';
import { createPiiCipher } from '../../../platform/pii/crypto.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { modules } from '../../index.ts';
import { lastOtpCli } from '../identity.cli.ts';
import { client, cookieOf } from './http-helpers.ts';

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const UUID = /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi;

/**
 * The server as deployed (production settings, so request logging is on) with its log at `info`
 * written to memory, to read every line the sign-in and user-creation paths produce.
 */
describe('no personal data in the logs', () => {
  const lines: string[] = [];
  let database: TestDatabase;
  let deps: PlatformDeps;
  let app: Awaited<ReturnType<typeof buildApp>>;
  /** The same deps with test settings, for the development aids production refuses. */
  const testDeps = (): PlatformDeps => ({
    ...deps,
    config: loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off' }),
  });
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedCalendar(database.db);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const log = createLogger('info', false, sink);
    const config = loadConfig({ NODE_ENV: 'production', NUANXIN_JOBS: 'off', LOG_LEVEL: 'info' });
    deps = {
      config,
      database,
      pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
      log,
      events: createEventDispatcher(database, log),
      jobs: createJobs(database, log, { run: false }),
      calendar: await createWorkCalendar(database),
    };
    // Demo accounts are refused in production: seed them with test settings.
    await seedDemo(testDeps());
    for (const m of modules) await m.register?.(deps);
    app = await buildApp(deps, { serveWeb: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await deps?.events.stop();
    await deps?.jobs.stop();
    await database?.destroy();
  });

  it('sign-in by SMS code and creating a user log neither mobile numbers nor the code', async () => {
    const c = client(app);
    const phone = '13712345678';
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp',
      payload: { phone },
      remoteAddress: '203.0.113.30',
    });
    expect(sent.statusCode).toBe(200);
    const code = (await lastOtpCli(testDeps(), phone))!.code;
    const verify = (attempt: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/otp/verify',
        payload: { phone, code: attempt },
        remoteAddress: '203.0.113.30',
      });
    expect((await verify(code === '000000' ? '111111' : '000000')).statusCode).toBe(401);
    const signedIn = await verify(code);
    expect(signedIn.statusCode).toBe(200);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { nx_session: cookieOf(signedIn) },
    });
    expect(me.json().user.kind).toBe('worker');

    const admin = await c.signIn('138 0000 0001');
    expect((await c.login('13800000001', 'wrong-password-123')).statusCode).toBe(401);
    const created = await c.send('POST', '/users', admin, {
      name: '李四',
      phone: '13612345678',
      username: 'szq.lisi',
      password: 'Tiger-lily-2026',
      grants: [{ role: 'dispatcher', regionCode: '511102' }],
    });
    expect(created.statusCode).toBe(201);
    // A search by phone number puts the number in the URL of the request log line.
    const found = await c.get('/users?q=13612345678', admin);
    expect(found.statusCode).toBe(200);
    await deps.events.idle();

    // The log did receive these paths' lines (request lines, the SMS notice).
    expect(lines.some((l) => l.includes('SMS (development sender)'))).toBe(true);
    expect(lines.some((l) => l.includes('/api/v1/users'))).toBe(true);
    expect(lines.some((l) => l.includes('/api/v1/users?q=136****5678'))).toBe(true);
    const codeRe = new RegExp(`(?<!\\d)${code}(?!\\d)`);
    for (const raw of lines) {
      // Ids (request, event) are random hex: an all-digit group could read as a number.
      const line = raw.replace(UUID, '<id>');
      expect(line).not.toMatch(MOBILE);
      expect(line).not.toMatch(codeRe);
    }
  });
});
