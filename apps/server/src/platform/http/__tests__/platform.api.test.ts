import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/app.ts';

describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('renders unknown routes in the error envelope with a request id', async () => {
    const r = await t.app.inject('/api/v1/does-not-exist');
    expect(r.statusCode).toBe(404);
    const body = r.json();
    expect(body.code).toBe('common.not_found');
    expect(body.requestId).toBe(r.headers['x-request-id']);
  });

  it('keeps a sane client request id and replaces a hostile one', async () => {
    const ok = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } });
    expect(ok.headers['x-request-id']).toBe('abc-12345678');
    const bad = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(bad.headers['x-request-id']).not.toBe('<script>');
  });

  it('sends security headers with a CSP that forbids framing and inline scripts', async () => {
    const r = await t.app.inject('/healthz');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('forbids caching of API answers, which may carry personal data', async () => {
    const r = await t.app.inject('/api/v1/does-not-exist');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('publishes OpenAPI 3.1 where every route has an operationId <module>.<verb>', async () => {
    const r = await t.app.inject('/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json() as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method.toUpperCase()} ${p}`).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z]*$/);
      }
    }
  });

  it('answers malformed JSON with 400 and the envelope, never 500', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    });
    expect([400, 404]).toContain(r.statusCode);
    expect(r.json().code).toMatch(/^common\./);
  });
});
