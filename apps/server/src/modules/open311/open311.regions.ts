import { haversineMeters, type LatLng } from '../../platform/geo/geo.ts';

/**
 * Which county (区/县/市) of 乐山市 a point belongs to, for service requests that come with a
 * location but no `attribute[region]`. Rule: the county whose seat (the county government, WGS-84,
 * rounded to about 100 m) is nearest. This is a coarse stand-in for boundary polygons: near a
 * county border it may pick the neighbour, which the dispatcher corrects at intake like any other
 * misfiled case. Clients that know the county send `attribute[region]` instead.
 */
export const LESHAN_CITY_CODE = '511100';

export const COUNTY_SEATS: readonly { code: string; name: string; lat: number; lng: number }[] = [
  { code: '511102', name: '市中区', lat: 29.555, lng: 103.762 },
  { code: '511111', name: '沙湾区', lat: 29.413, lng: 103.55 },
  { code: '511112', name: '五通桥区', lat: 29.407, lng: 103.819 },
  { code: '511113', name: '金口河区', lat: 29.245, lng: 103.079 },
  { code: '511123', name: '犍为县', lat: 29.208, lng: 103.949 },
  { code: '511124', name: '井研县', lat: 29.652, lng: 104.07 },
  { code: '511126', name: '夹江县', lat: 29.738, lng: 103.572 },
  { code: '511129', name: '沐川县', lat: 28.957, lng: 103.902 },
  { code: '511132', name: '峨边彝族自治县', lat: 29.23, lng: 103.262 },
  { code: '511133', name: '马边彝族自治县', lat: 28.836, lng: 103.546 },
  { code: '511181', name: '峨眉山市', lat: 29.601, lng: 103.484 },
];

/** A generous box around 乐山市; points outside it are not ours. */
export const LESHAN_BBOX = { minLat: 28.2, maxLat: 30.2, minLng: 102.6, maxLng: 104.6 } as const;

export function inLeshan(p: LatLng): boolean {
  return (
    p.lat >= LESHAN_BBOX.minLat &&
    p.lat <= LESHAN_BBOX.maxLat &&
    p.lng >= LESHAN_BBOX.minLng &&
    p.lng <= LESHAN_BBOX.maxLng
  );
}

/** The county whose seat is nearest to a WGS-84 point. */
export function nearestCounty(p: LatLng): { code: string; name: string; distanceMeters: number } {
  let best = { code: COUNTY_SEATS[0]!.code, name: COUNTY_SEATS[0]!.name, distanceMeters: Infinity };
  for (const c of COUNTY_SEATS) {
    const d = haversineMeters(p, c);
    if (d < best.distanceMeters) best = { code: c.code, name: c.name, distanceMeters: d };
  }
  return best;
}

/** The county named in a free-text address (`乐山市沙湾区…`), when exactly one is. */
export function countyInAddress(address: string): string | null {
  const hits = COUNTY_SEATS.filter(
    (c) => address.includes(c.name) || address.includes(c.name.replace(/彝族自治县$/, '')),
  );
  return hits.length === 1 ? hits[0]!.code : null;
}
