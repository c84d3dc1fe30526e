import { mapConfigReply } from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/app.ts';

const imgSrc = (csp: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('img-src '))
    ?.split(/\s+/)
    .slice(1);

describe('map configuration and CSP, default tiles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('GET /api/v1/config/map is public and names the basemap', async () => {
    const r = await t.app.inject('/api/v1/config/map');
    expect(r.statusCode).toBe(200);
    const body = mapConfigReply.parse(r.json());
    expect(body).toEqual({
      tileUrl:
        'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
      subdomains: ['1', '2', '3', '4'],
      crs: 'gcj02',
      attribution: '© 高德地图 AutoNavi',
      center: { lat: 29.5521, lng: 103.7656 },
      zoom: 12,
      maxZoom: 18,
    });
    // Nothing personal in it: browsers and proxies may keep it a few minutes.
    expect(r.headers['cache-control']).toBe('public, max-age=300');
  });

  it('lets images come from the tile hosts and from nowhere else new', async () => {
    for (const url of ['/healthz', '/api/v1/config/map', '/api/v1/me']) {
      const csp = String((await t.app.inject(url)).headers['content-security-policy']);
      expect(imgSrc(csp)).toEqual([
        "'self'",
        'data:',
        'blob:',
        'https://webrd01.is.autonavi.com',
        'https://webrd02.is.autonavi.com',
        'https://webrd03.is.autonavi.com',
        'https://webrd04.is.autonavi.com',
      ]);
      // The tile hosts are for images only.
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("default-src 'self';");
    }
  });
});

describe('map configuration and CSP, another basemap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('pglite', {
      NUANXIN_TILE_URL: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      NUANXIN_TILE_SUBDOMAINS: 'a,b,c',
      NUANXIN_TILE_CRS: 'wgs84',
      NUANXIN_TILE_ATTRIBUTION: '© OpenStreetMap contributors',
    });
  });
  afterAll(async () => t?.close());

  it('serves the configured template, system and attribution, and allows only its hosts', async () => {
    const r = await t.app.inject('/api/v1/config/map');
    expect(r.json()).toMatchObject({
      tileUrl: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      subdomains: ['a', 'b', 'c'],
      crs: 'wgs84',
      attribution: '© OpenStreetMap contributors',
    });
    const csp = String(r.headers['content-security-policy']);
    expect(imgSrc(csp)).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://a.tile.openstreetmap.org',
      'https://b.tile.openstreetmap.org',
      'https://c.tile.openstreetmap.org',
    ]);
    expect(csp).not.toContain('autonavi');
  });
});
