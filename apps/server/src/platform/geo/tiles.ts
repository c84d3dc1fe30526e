/**
 * The basemap the web app draws (docs/maps.md): a Leaflet URL template, its subdomains, the
 * coordinate system its tiles are drawn in, and the attribution text. Pure, so `config.ts` can
 * validate it at start-up and `app.ts` can derive the Content-Security-Policy from it.
 */

export type TileCrs = 'gcj02' | 'wgs84';

export interface TileConfig {
  /** Leaflet template: `{s}` subdomain, `{x}` `{y}` `{z}` tile, optional `{r}` (retina suffix). */
  url: string;
  /** Values of `{s}`; empty when the template has none. */
  subdomains: string[];
  crs: TileCrs;
  attribution: string;
}

/**
 * 高德 road tiles. Undocumented by the provider (docs/maps.md explains the choice and how to
 * point the platform at 天地图 or another licensed basemap instead).
 */
export const DEFAULT_TILE_URL =
  'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';
export const DEFAULT_TILE_SUBDOMAINS = ['1', '2', '3', '4'];
export const DEFAULT_TILE_ATTRIBUTION = '© 高德地图 AutoNavi';

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN = new Set(['s', 'x', 'y', 'z', 'r']);

/** The template with `{s}` set to `sub` and the tile placeholders set to 0. */
function sample(url: string, sub: string): string {
  return url
    .replaceAll('{s}', sub)
    .replaceAll('{r}', '')
    .replace(/\{[xyz]\}/g, '0');
}

/**
 * What is wrong with the template and its subdomains, or null. The template must be an absolute
 * http(s) URL naming {x}, {y} and {z}; only {s} may appear in the host, and then subdomains must
 * be given.
 */
export function tileTemplateProblem(url: string, subdomains: readonly string[]): string | null {
  if (!/^https?:\/\//.test(url)) return 'must start with https:// (or http://)';
  for (const p of ['{x}', '{y}', '{z}']) if (!url.includes(p)) return `must contain ${p}`;
  for (const m of url.matchAll(PLACEHOLDER))
    if (!KNOWN.has(m[1]!)) return `unknown placeholder {${m[1]}} (allowed: {s} {x} {y} {z} {r})`;
  const host = url.replace(/^https?:\/\//, '').split(/[/?#]/)[0] ?? '';
  if (/\{[^s]\w*\}/.test(host)) return 'has a placeholder other than {s} in its host';
  const hasS = url.includes('{s}');
  if (hasS && subdomains.length === 0) return 'uses {s}: set NUANXIN_TILE_SUBDOMAINS (e.g. 1,2,3,4)';
  for (const sub of hasS ? subdomains : ['']) {
    if (!/^[A-Za-z0-9-]*$/.test(sub)) return `subdomain ${JSON.stringify(sub)} is not a host label`;
    let parsed: URL;
    try {
      parsed = new URL(sample(url, sub));
    } catch {
      return 'is not a valid URL';
    }
    if (!parsed.hostname || /[{}]/.test(parsed.host)) return 'has a placeholder other than {s} in its host';
    if (parsed.username || parsed.password) return 'must not carry a user name or password';
  }
  return null;
}

/**
 * The origins tiles are fetched from (`https://webrd01.is.autonavi.com`, …), one per subdomain,
 * for the CSP `img-src` directive. Throws on a template {@link tileTemplateProblem} rejects.
 */
export function tileOrigins(t: Pick<TileConfig, 'url' | 'subdomains'>): string[] {
  const problem = tileTemplateProblem(t.url, t.subdomains);
  if (problem) throw new Error(`NUANXIN_TILE_URL ${problem}`);
  const subs = t.url.includes('{s}') ? t.subdomains : [''];
  return [...new Set(subs.map((s) => new URL(sample(t.url, s)).origin))];
}

/** `1,2,3,4` or `a, b, c` → the list; empty entries dropped. */
export function parseSubdomains(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
