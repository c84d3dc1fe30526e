import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { DEFAULT_TILE_URL, parseSubdomains, tileOrigins, tileTemplateProblem } from '../tiles.ts';

const OSM = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png';
const TIANDITU =
  'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY';

describe('tile templates', () => {
  it('derives one origin per subdomain for the CSP', () => {
    expect(tileOrigins({ url: DEFAULT_TILE_URL, subdomains: ['1', '2', '3', '4'] })).toEqual([
      'https://webrd01.is.autonavi.com',
      'https://webrd02.is.autonavi.com',
      'https://webrd03.is.autonavi.com',
      'https://webrd04.is.autonavi.com',
    ]);
    expect(tileOrigins({ url: OSM, subdomains: ['a', 'b', 'c'] })).toEqual([
      'https://a.tile.openstreetmap.org',
      'https://b.tile.openstreetmap.org',
      'https://c.tile.openstreetmap.org',
    ]);
    expect(tileOrigins({ url: 'https://tiles.example.cn:8443/{z}/{x}/{y}.png', subdomains: [] })).toEqual([
      'https://tiles.example.cn:8443',
    ]);
    expect(tileOrigins({ url: TIANDITU, subdomains: parseSubdomains('0,1') })).toEqual([
      'https://t0.tianditu.gov.cn',
      'https://t1.tianditu.gov.cn',
    ]);
  });

  it.each([
    ['/tiles/{z}/{x}/{y}.png', [], 'https://'],
    ['ftp://h/{z}/{x}/{y}', [], 'https://'],
    ['https://h/{z}/{x}.png', [], '{y}'],
    ['https://h/{z}/{x}/{y}/{q}.png', [], 'unknown placeholder'],
    [OSM, [], 'NUANXIN_TILE_SUBDOMAINS'],
    ['https://{z}.h.cn/{x}/{y}', [], 'host'],
    ['https://{s}.h.cn/{z}/{x}/{y}', ['a b'], 'host label'],
    ['https://u:p@h.cn/{z}/{x}/{y}', [], 'password'],
  ])('rejects %s', (url, subs, why) => {
    expect(tileTemplateProblem(url, subs)).toContain(why);
    expect(() => tileOrigins({ url, subdomains: subs })).toThrow(/NUANXIN_TILE_URL/);
  });

  it('parses subdomain lists', () => {
    expect(parseSubdomains('1,2,3,4')).toEqual(['1', '2', '3', '4']);
    expect(parseSubdomains(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseSubdomains('')).toEqual([]);
  });
});

describe('tile configuration', () => {
  it('defaults to 高德 road tiles in GCJ-02 with four subdomains', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect(c.tiles).toEqual({
      url: DEFAULT_TILE_URL,
      subdomains: ['1', '2', '3', '4'],
      crs: 'gcj02',
      attribution: '© 高德地图 AutoNavi',
    });
  });

  it('takes another template with its own subdomains, system and attribution', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      NUANXIN_TILE_URL: OSM,
      NUANXIN_TILE_SUBDOMAINS: 'a,b,c',
      NUANXIN_TILE_CRS: 'wgs84',
      NUANXIN_TILE_ATTRIBUTION: '© OpenStreetMap contributors',
    });
    expect(c.tiles).toEqual({
      url: OSM,
      subdomains: ['a', 'b', 'c'],
      crs: 'wgs84',
      attribution: '© OpenStreetMap contributors',
    });
    // Without {s}, subdomains are dropped; a custom template does not inherit 高德's attribution.
    const plain = loadConfig({ NODE_ENV: 'test', NUANXIN_TILE_URL: 'https://t.example.cn/{z}/{x}/{y}.png' });
    expect(plain.tiles.subdomains).toEqual([]);
    expect(plain.tiles.attribution).toBe('');
  });

  it('refuses a broken template or an unknown system at start-up', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', NUANXIN_TILE_URL: OSM })).toThrow(/NUANXIN_TILE_SUBDOMAINS/);
    expect(() => loadConfig({ NODE_ENV: 'test', NUANXIN_TILE_URL: 'tiles/{z}/{x}/{y}' })).toThrow(
      /NUANXIN_TILE_URL/,
    );
    expect(() => loadConfig({ NODE_ENV: 'test', NUANXIN_TILE_CRS: 'bd09' })).toThrow(/NUANXIN_TILE_CRS/);
  });
});
