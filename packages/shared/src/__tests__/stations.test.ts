import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  STATION_HOST_TYPES,
  STATION_KINDS,
  STATION_LABELS,
  STATION_LIVE_STATUSES,
  STATION_RESOURCES,
  STATION_SERVICE_CODES,
  STATION_STATUSES,
  stationServiceLabel,
} from '../stations.labels.ts';
import {
  createStationBody,
  setStationLiveBody,
  stationHoursSchema,
  stationsNearbyQuery,
  updateStationBody,
} from '../stations.ts';

describe('station labels', () => {
  it('label every value in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const l = STATION_LABELS[locale];
      for (const k of STATION_KINDS) expect(l.kind[k]).toBeTruthy();
      for (const k of STATION_HOST_TYPES) expect(l.hostType[k]).toBeTruthy();
      for (const k of STATION_LIVE_STATUSES) expect(l.liveStatus[k]).toBeTruthy();
      for (const k of STATION_STATUSES) expect(l.status[k]).toBeTruthy();
      for (const k of STATION_RESOURCES) expect(l.resource[k]).toBeTruthy();
      for (const k of STATION_SERVICE_CODES) expect(l.service[k]).toBeTruthy();
    }
    expect(STATION_LABELS['zh-CN'].kind.copper_heart).toBe('铜心驿站');
    expect(stationServiceLabel('water', 'en')).toBe('Drinking water');
    expect(stationServiceLabel('umbrella', 'zh-CN', '爱心雨伞')).toBe('爱心雨伞');
    expect(stationServiceLabel('umbrella')).toBe('umbrella');
  });

  it('keep the labels file free of imports (the web entry must not pull zod for labels)', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../stations.labels.ts'), 'utf8');
    expect(text).not.toMatch(/^\s*import\s/m);
  });
});

describe('station request schemas', () => {
  it('nearby: coerces the query string, repeats services, parses openNow, applies defaults', () => {
    expect(stationsNearbyQuery.parse({ lat: '29.41', lng: '103.55' })).toEqual({
      lat: 29.41,
      lng: 103.55,
      crs: 'wgs84',
      radius: 3000,
      limit: 50,
    });
    const q = stationsNearbyQuery.parse({
      lat: '29.41',
      lng: '103.55',
      service: ['water', 'wifi'],
      openNow: '1',
    });
    expect(q.service).toEqual(['water', 'wifi']);
    expect(q.openNow).toBe(true);
    expect(
      stationsNearbyQuery.parse({ lat: '29.41', lng: '103.55', service: 'water', openNow: 'false' }),
    ).toMatchObject({
      service: ['water'],
      openNow: false,
    });
    for (const bad of [
      { lng: '1' },
      { lat: '29', lng: '103', radius: '20001' },
      { lat: '29', lng: '103', openNow: 'yes' },
    ])
      expect(stationsNearbyQuery.safeParse(bad).success).toBe(false);
  });

  it('create: defaults, and the hours are only shape-checked (the server answers station.hours_invalid)', () => {
    const body = createStationBody.parse({
      name: '铜心驿站·测试',
      kind: 'copper_heart',
      hostType: 'pharmacy',
      operatorOrgId: '01900000-0000-7000-8000-000000000000',
      regionCode: '511111100',
      address: '沙湾镇',
      lat: 29.41,
      lng: 103.55,
      hours: { weekly: [{ days: [9], open: '25:00', close: 'x' }] },
    });
    expect(body).toMatchObject({
      crs: 'wgs84',
      openToWorkers: true,
      openToResidents: false,
      status: 'active',
      services: [],
      capacity: [],
      keeperIds: [],
      hours: { alwaysOpen: false, holidays: 'as_usual' },
    });
    expect(createStationBody.safeParse({ ...body, regionCode: '51111110' }).success).toBe(false);
    expect(createStationBody.safeParse({ ...body, phone: 'call me' }).success).toBe(false);
  });

  it('update needs the version; live needs a status or a capacity', () => {
    expect(updateStationBody.safeParse({ name: '新名字' }).success).toBe(false);
    expect(updateStationBody.parse({ version: 3 })).toEqual({ version: 3, crs: 'wgs84' });
    expect(setStationLiveBody.safeParse({}).success).toBe(false);
    expect(setStationLiveBody.safeParse({ capacity: [] }).success).toBe(false);
    expect(setStationLiveBody.safeParse({ liveStatus: 'full' }).success).toBe(true);
    expect(setStationLiveBody.safeParse({ capacity: [{ resource: 'seats', available: -1 }] }).success).toBe(
      false,
    );
  });

  it('the reply schema of hours is strict', () => {
    expect(
      stationHoursSchema.safeParse({
        alwaysOpen: false,
        weekly: [{ days: [1], open: '08:00', close: '24:00' }],
        holidays: 'closed',
      }).success,
    ).toBe(false);
    expect(
      stationHoursSchema.safeParse({
        alwaysOpen: true,
        weekly: [],
        holidays: { open: '09:00', close: '17:00' },
      }).success,
    ).toBe(true);
  });
});
