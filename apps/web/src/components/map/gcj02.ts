/**
 * WGS-84 ⇄ GCJ-02 (国测局坐标, the offset datum of 高德, 腾讯 and WeChat maps), the standard public
 * algorithm (as in gcoord and coordtransform; results agree to 1e-9°). The platform stores WGS-84;
 * a map whose tiles are GCJ-02 draws every point through {@link wgs84ToGcj02}, and turns its view
 * back into WGS-84 with {@link gcj02ToWgs84} before asking the server. Outside China's rough box
 * the two systems are the same and points pass through unchanged. Pure, no dependencies: the
 * entry chunk may import it.
 */

export interface LatLngLike {
  lat: number;
  lng: number;
}

export type TileCrs = 'gcj02' | 'wgs84';

/** Krasovsky 1940 ellipsoid, as the GCJ-02 algorithm uses it. */
const A = 6_378_245.0;
const EE = 0.006_693_421_622_965_943;

/** The box the algorithm applies in (its published bounds). */
export function outOfChina(p: LatLngLike): boolean {
  return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function deltaLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function deltaLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** The GCJ-02 position of a WGS-84 point. */
export function wgs84ToGcj02(p: LatLngLike): LatLngLike {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const radLat = (p.lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (deltaLat(p.lng - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (deltaLng(p.lng - 105, p.lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/**
 * The WGS-84 position of a GCJ-02 point: the forward transform inverted by fixed-point iteration
 * (the offset changes slowly, so a few rounds reach 1e-9°, well under a millimetre).
 */
export function gcj02ToWgs84(p: LatLngLike): LatLngLike {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || outOfChina(p)) return { lat: p.lat, lng: p.lng };
  let w = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = p.lat - g.lat;
    const dLng = p.lng - g.lng;
    w = { lat: w.lat + dLat, lng: w.lng + dLng };
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLng) < 1e-10) break;
  }
  return w;
}

/** Where a stored (WGS-84) point is drawn on tiles in `crs`. */
export function toDisplay(p: LatLngLike, crs: TileCrs): LatLngLike {
  return crs === 'gcj02' ? wgs84ToGcj02(p) : { lat: p.lat, lng: p.lng };
}

/** The stored (WGS-84) form of a position read off tiles in `crs`. */
export function fromDisplay(p: LatLngLike, crs: TileCrs): LatLngLike {
  return crs === 'gcj02' ? gcj02ToWgs84(p) : { lat: p.lat, lng: p.lng };
}
