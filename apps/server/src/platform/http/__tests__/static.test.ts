import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
});
