import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../static.ts';

describe('web app fallback', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nx-web-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>暖心</title><div id="root"></div>');
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
  const app = Fastify();
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers index.html for the client routes, the public station map included', async () => {
    await registerWebApp(app, dist);
    for (const url of [
      '/',
      '/m',
      '/m/map?view=list',
      '/m/checkin/ST-511111-0003?t=abc',
      '/admin/appeals',
      '/stations',
      '/stations?view=list&service=water',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<div id="root">');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('sends the build’s brotli or gzip copy of an asset as it is, and the plain file otherwise', async () => {
    const js = 'export const x = 1;'.repeat(200);
    fs.writeFileSync(path.join(dist, 'assets', 'big-abc.js'), js);
    fs.writeFileSync(path.join(dist, 'assets', 'big-abc.js.br'), zlib.brotliCompressSync(js));
    fs.writeFileSync(path.join(dist, 'assets', 'big-abc.js.gz'), zlib.gzipSync(js));
    const br = await app.inject({
      method: 'GET',
      url: '/assets/big-abc.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await app.inject({
      method: 'GET',
      url: '/assets/big-abc.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
    const plain = await app.inject({ method: 'GET', url: '/assets/big-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });
});
