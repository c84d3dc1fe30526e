import type { StationHours } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import {
  agoOf,
  amapUri,
  CLOSED_COLOR,
  checkinPath,
  chipOrder,
  distanceMeters,
  featurePoints,
  filtersToParams,
  formatDistance,
  geoUri,
  hasFilters,
  KIND_COLORS,
  MAX_SERVICE_FILTERS,
  markerStyle,
  matchesFilters,
  nearbyQuery,
  parseCheckinUrl,
  parseFilters,
  shanghaiClock,
  shanghaiDay,
  shanghaiTime,
  spansText,
  telUri,
  todayHours,
  toggleService,
  weeklyLines,
} from '../model';

/** 2026-06-01 is a Monday; 10:00 Asia/Shanghai = 02:00 UTC. */
const MON_10 = new Date('2026-06-01T02:00:00Z');
const SAT_10 = new Date('2026-06-06T02:00:00Z');
const SUN_0030 = new Date('2026-06-06T16:30:00Z');

const WEEKDAYS_LATE_WEEKEND: StationHours = {
  alwaysOpen: false,
  weekly: [
    { days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' },
    { days: [6, 7], open: '09:00', close: '02:00' },
  ],
  holidays: 'closed',
};

describe('distances', () => {
  it('measures the great-circle distance', () => {
    expect(distanceMeters({ lat: 29.5521, lng: 103.7656 }, { lat: 29.5521, lng: 103.7656 })).toBe(0);
    // 0.01° of latitude ≈ 1112 m
    expect(distanceMeters({ lat: 29.55, lng: 103.76 }, { lat: 29.56, lng: 103.76 })).toBeCloseTo(1112, -1);
    // 市中区 to 沙湾区 centre: about 25 km
    const d = distanceMeters({ lat: 29.5521, lng: 103.7656 }, { lat: 29.4125, lng: 103.5494 });
    expect(d).toBeGreaterThan(24_000);
    expect(d).toBeLessThan(27_000);
  });

  it('formats metres and kilometres as a rider reads them', () => {
    expect(formatDistance(0)).toBe('10 米');
    expect(formatDistance(84)).toBe('80 米');
    expect(formatDistance(345)).toBe('350 米');
    expect(formatDistance(994)).toBe('990 米');
    expect(formatDistance(995)).toBe('1.0 公里');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(9949)).toBe('9.9 公里');
    expect(formatDistance(9950)).toBe('10 公里');
    expect(formatDistance(12_400)).toBe('12 公里');
    expect(formatDistance(1234, 'en')).toBe('1.2 km');
    expect(formatDistance(345, 'en')).toBe('350 m');
    expect(formatDistance(Number.NaN)).toBe('');
    expect(formatDistance(-1)).toBe('');
  });
});

describe('time in Asia/Shanghai', () => {
  it('knows the local weekday and minute whatever the machine zone', () => {
    expect(shanghaiClock(MON_10)).toEqual({ weekday: 1, minuteOfDay: 600, date: '2026-06-01' });
    // Sunday 00:30 local is still Saturday in UTC
    expect(shanghaiClock(SUN_0030)).toEqual({ weekday: 7, minuteOfDay: 30, date: '2026-06-07' });
    expect(shanghaiTime('2026-06-01T06:32:10Z')).toBe('14:32');
    expect(shanghaiDay('2026-06-01T17:00:00Z')).toBe('6月2日');
    expect(shanghaiDay('2026-06-01T17:00:00Z', 'en')).toBe('Jun 2');
  });

  it('says how long ago a status was set', () => {
    const now = new Date('2026-06-01T02:00:00Z');
    expect(agoOf(null, now)).toBeNull();
    expect(agoOf('not a date', now)).toBeNull();
    expect(agoOf('2026-06-01T01:59:30Z', now)).toEqual({ unit: 'now' });
    expect(agoOf('2026-06-01T02:00:30Z', now)).toEqual({ unit: 'now' }); // clock skew
    expect(agoOf('2026-06-01T01:55:00Z', now)).toEqual({ unit: 'minutes', count: 5 });
    expect(agoOf('2026-06-01T01:00:01Z', now)).toEqual({ unit: 'minutes', count: 59 });
    expect(agoOf('2026-06-01T00:00:00Z', now)).toEqual({ unit: 'hours', count: 2 });
    expect(agoOf('2026-05-29T02:00:00Z', now)).toEqual({ unit: 'days', count: 3 });
  });
});

describe('opening hours', () => {
  it("gives today's spans by the weekday in Shanghai", () => {
    expect(todayHours(WEEKDAYS_LATE_WEEKEND, MON_10)).toEqual({
      kind: 'spans',
      spans: [{ open: '08:00', close: '22:00', overnight: false }],
    });
    expect(todayHours(WEEKDAYS_LATE_WEEKEND, SAT_10)).toEqual({
      kind: 'spans',
      spans: [{ open: '09:00', close: '02:00', overnight: true }],
    });
    expect(todayHours(WEEKDAYS_LATE_WEEKEND, SUN_0030).kind).toBe('spans');
  });

  it('knows always-open, closed days, midnight and split days', () => {
    expect(todayHours({ alwaysOpen: true, weekly: [], holidays: 'as_usual' }, MON_10)).toEqual({
      kind: 'always',
    });
    const weekend: StationHours = {
      alwaysOpen: false,
      weekly: [{ days: [6, 7], open: '10:00', close: '16:00' }],
      holidays: 'as_usual',
    };
    expect(todayHours(weekend, MON_10)).toEqual({ kind: 'closed' });
    const allDay: StationHours = {
      alwaysOpen: false,
      weekly: [{ days: [1], open: '00:00', close: '00:00' }],
      holidays: 'as_usual',
    };
    expect(todayHours(allDay, MON_10)).toEqual({ kind: 'always' });
    const split: StationHours = {
      alwaysOpen: false,
      weekly: [
        { days: [1], open: '17:00', close: '00:00' },
        { days: [1], open: '06:30', close: '11:00' },
      ],
      holidays: 'as_usual',
    };
    const th = todayHours(split, MON_10);
    expect(th).toEqual({
      kind: 'spans',
      spans: [
        { open: '06:30', close: '11:00', overnight: false },
        { open: '17:00', close: '24:00', overnight: false },
      ],
    });
    if (th.kind === 'spans') expect(spansText(th.spans, '次日', '、')).toBe('06:30–11:00、17:00–24:00');
    expect(spansText([{ open: '09:00', close: '02:00', overnight: true }], '次日', '、')).toBe(
      '09:00–次日02:00',
    );
  });

  it('writes the week in Chinese and English', () => {
    expect(weeklyLines(WEEKDAYS_LATE_WEEKEND)).toEqual([
      '周一至周五 08:00–22:00',
      '周六、周日 09:00–次日02:00',
      '法定节假日休息',
    ]);
    expect(weeklyLines(WEEKDAYS_LATE_WEEKEND, 'en')).toEqual([
      'Mon–Fri 08:00–22:00',
      'Sat, Sun 09:00–next day 02:00',
      'Closed on public holidays',
    ]);
    expect(weeklyLines({ alwaysOpen: true, weekly: [], holidays: 'as_usual' })).toEqual(['24 小时开放']);
    expect(
      weeklyLines({
        alwaysOpen: false,
        weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:30', close: '20:30' }],
        holidays: { open: '10:00', close: '18:00' },
      }),
    ).toEqual(['每天 06:30–20:30', '法定节假日 10:00–18:00']);
    expect(
      weeklyLines({
        alwaysOpen: false,
        weekly: [{ days: [1, 3, 4, 5, 7], open: '08:00', close: '00:00' }],
        holidays: 'as_usual',
      }),
    ).toEqual(['周一、周三至周五、周日 08:00–24:00']);
  });
});

describe('navigation links', () => {
  const st = { lat: 29.41234, lng: 103.54987, name: '沙湾区G348“暖心之家”' };
  it('builds the Amap URI from the contract (WGS-84, open the app)', () => {
    const url = new URL(amapUri(st));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('103.54987,29.41234');
    expect(url.searchParams.get('name')).toBe(st.name);
    expect(url.searchParams.get('coordinate')).toBe('wgs84');
    expect(url.searchParams.get('callnative')).toBe('1');
  });

  it('builds a geo: URI with the name as label, brackets escaped', () => {
    expect(geoUri(st)).toBe(`geo:29.41234,103.54987?q=29.41234,103.54987(${encodeURIComponent(st.name)})`);
    expect(geoUri({ lat: 1, lng: 2, name: 'A (B)' })).toBe('geo:1,2?q=1,2(A%20%28B%29)');
  });

  it('dials only the digits of a phone number', () => {
    expect(telUri('0833-2123456')).toBe('tel:0833-2123456');
    expect(telUri('(0833) 212 3456')).toBe('tel:08332123456');
    expect(telUri('+86 138 0000 0010')).toBe('tel:+8613800000010');
  });
});

describe('filter state in the URL', () => {
  it('parses, defaults and round-trips', () => {
    expect(parseFilters(new URLSearchParams())).toEqual({ view: 'map', services: [], openNow: false });
    const f = parseFilters(new URLSearchParams('view=list&service=meal_heating&service=water&open=1'));
    expect(f).toEqual({ view: 'list', services: ['meal_heating', 'water'], openNow: true });
    expect(parseFilters(filtersToParams(f))).toEqual(f);
    expect(filtersToParams({ view: 'map', services: [], openNow: false }).toString()).toBe('');
    expect(hasFilters(f)).toBe(true);
    expect(hasFilters({ view: 'list', services: [], openNow: false })).toBe(false);
  });

  it('drops bad, duplicate and surplus service codes', () => {
    const many = Array.from({ length: 30 }, (_, i) => `service=s${i}x`).join('&');
    expect(parseFilters(new URLSearchParams(many)).services).toHaveLength(MAX_SERVICE_FILTERS);
    expect(
      parseFilters(new URLSearchParams('service=water&service=water&service=DROP&service=<x>&view=grid')),
    ).toEqual({ view: 'map', services: ['water'], openNow: false });
  });

  it('toggles a service on and off', () => {
    const f0 = { view: 'map' as const, services: [], openNow: false };
    const f1 = toggleService(f0, 'meal_heating');
    expect(f1.services).toEqual(['meal_heating']);
    expect(toggleService(toggleService(f1, 'water'), 'meal_heating').services).toEqual(['water']);
    expect(f0.services).toEqual([]);
  });

  it('matches stations that offer every chosen service (and are open, when asked)', () => {
    const s = { services: ['rest', 'water', 'meal_heating'], openNow: false };
    expect(matchesFilters(s, { services: [], openNow: false })).toBe(true);
    expect(matchesFilters(s, { services: ['meal_heating', 'water'], openNow: false })).toBe(true);
    expect(matchesFilters(s, { services: ['meal_heating', 'toilet'], openNow: false })).toBe(false);
    expect(matchesFilters(s, { services: [], openNow: true })).toBe(false);
    expect(matchesFilters({ ...s, openNow: true }, { services: ['rest'], openNow: true })).toBe(true);
  });

  it('asks the nearby endpoint in WGS-84 with repeated services', () => {
    const q = nearbyQuery(
      { lat: 29.5521234, lng: 103.7656789 },
      { services: ['meal_heating', 'water'], openNow: true },
      {
        radius: 20_000,
        limit: 50,
      },
    );
    expect(q.toString()).toBe(
      'lat=29.552123&lng=103.765679&crs=wgs84&radius=20000&limit=50&service=meal_heating&service=water&openNow=true',
    );
    expect(
      nearbyQuery({ lat: 1, lng: 2 }, { services: [], openNow: false }, { radius: 3000, limit: 10 }).has(
        'openNow',
      ),
    ).toBe(false);
  });

  it('puts the featured services first, then the catalogue order', () => {
    const cat = [
      { code: 'reading', sort: 50 },
      { code: 'legal_aid', sort: 200 },
      { code: 'water', sort: 20 },
      { code: 'proxy_affairs', sort: 100 },
      { code: 'meal_heating', sort: 300 },
    ];
    expect(chipOrder(cat).map((c) => c.code)).toEqual([
      'meal_heating',
      'water',
      'reading',
      'proxy_affairs',
      'legal_aid',
    ]);
  });
});

describe('markers', () => {
  it('colours by kind, grey when closed, ringed when full', () => {
    expect(markerStyle({ kind: 'canteen', openNow: true, liveStatus: 'open' })).toEqual({
      color: KIND_COLORS.canteen,
      alert: false,
    });
    expect(markerStyle({ kind: 'canteen', openNow: true, liveStatus: 'full' })).toEqual({
      color: KIND_COLORS.canteen,
      alert: true,
    });
    expect(markerStyle({ kind: 'canteen', openNow: false, liveStatus: 'full' })).toEqual({
      color: CLOSED_COLOR,
      alert: false,
    });
    expect(markerStyle({ kind: 'warm_home', openNow: true, liveStatus: 'closed_now' }).color).toBe(
      CLOSED_COLOR,
    );
    expect(new Set(Object.values(KIND_COLORS)).size).toBe(Object.keys(KIND_COLORS).length);
  });

  it('turns the filtered feed into map points ([lng, lat] → lat, lng)', () => {
    const props = (id: string, services: string[], openNow: boolean) => ({
      id,
      code: `ST-511102-${id}`,
      name: `驿站${id}`,
      kind: 'copper_heart' as const,
      services,
      openNow,
      liveStatus: 'open' as const,
      hoursText: '每天 08:00–22:00',
      capacity: [],
    });
    const feed = [
      {
        geometry: { coordinates: [103.76, 29.55] as [number, number] },
        properties: props('0001', ['water'], true),
      },
      {
        geometry: { coordinates: [103.55, 29.41] as [number, number] },
        properties: props('0002', ['water', 'meal_heating'], false),
      },
    ];
    expect(
      featurePoints(feed, { services: ['water'], openNow: false }).map((p) => [p.id, p.lat, p.lng]),
    ).toEqual([
      ['0001', 29.55, 103.76],
      ['0002', 29.41, 103.55],
    ]);
    expect(featurePoints(feed, { services: ['meal_heating'], openNow: false }).map((p) => p.id)).toEqual([
      '0002',
    ]);
    expect(featurePoints(feed, { services: [], openNow: true }).map((p) => p.id)).toEqual(['0001']);
    expect(featurePoints(feed, { services: [], openNow: false })[1]?.color).toBe(CLOSED_COLOR);
  });
});

describe('check-in URL of the poster QR', () => {
  it('reads the code and token, whatever the host', () => {
    expect(parseCheckinUrl('https://nuanxin.example.cn/m/checkin/ST-511111-0003?t=AbC_-123xyzXYZ09')).toEqual(
      {
        code: 'ST-511111-0003',
        t: 'AbC_-123xyzXYZ09',
      },
    );
    expect(parseCheckinUrl(' http://127.0.0.1:4000/m/checkin/ST-511102-12345/?t=x ')).toEqual({
      code: 'ST-511102-12345',
      t: 'x',
    });
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      'hello',
      'ST-511111-0003',
      'https://x.cn/m/wish?box=1',
      'https://x.cn/m/checkin/ST-511111-0003',
      'https://x.cn/m/checkin/ST-511111-0003?t=',
      'https://x.cn/m/checkin/ABC?t=abc',
      'https://x.cn/m/checkin/ST-511111-0003?t=a%20b',
      'javascript:alert(1)//m/checkin/ST-511111-0003?t=a',
      'https://x.cn/admin/m/checkin/ST-511111-0003?t=a',
    ])
      expect(parseCheckinUrl(text)).toBeNull();
  });

  it('builds the in-app path back', () => {
    expect(checkinPath({ code: 'ST-511111-0003', t: 'a-b_c' })).toBe('/m/checkin/ST-511111-0003?t=a-b_c');
  });
});
