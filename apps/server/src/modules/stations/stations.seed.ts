import {
  STATION_BASIC_SERVICES,
  STATION_LABELS_EN,
  STATION_LABELS_ZH,
  STATION_SERVICE_CODES,
  type StationHostType,
  type StationHours,
  type StationKind,
  type StationResource,
  type StationServiceCode,
} from '@nuanxin/shared';
import { inArray } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { holidayColumns, multirangeText, parseHours, weekRanges } from './stations.hours.ts';
import { newQrSecret } from './stations.qr.ts';
import * as repo from './stations.repository.ts';
import { station, stationServiceType } from './stations.tables.ts';

/**
 * The service catalogue (POS-05, POS-12) and the demo stations (docs/contract-stations.md "Demo
 * data"). The catalogue is reference data: `seedServiceCatalogue` runs at every start (the module's
 * `register`) and only inserts codes that are missing, never overwriting what staff changed.
 *
 * Demo stations: the article's named places (G348 暖心之家, 铜河小哥之家, the 小哥加油吧 carriers
 * 心连心党群服务中心, 嘉瑞财富商圈党群服务中心, 嘉州充电堡, 城市解忧亭, the 人民食堂) and the 49 市中区
 * community 党群服务中心 open to riders. Coordinates are plausible points in the two districts, not
 * surveyed addresses; the community centres are named after places of the city centre, as an
 * illustration, not a verified list of communities. No station carries a phone number (a made-up
 * one could be somebody's).
 */

/** Catalogue order: the five basic services first, then the article's featured services. */
export const SERVICE_CATALOGUE: readonly {
  code: StationServiceCode;
  name: string;
  nameEn: string;
  basic: boolean;
  sort: number;
}[] = STATION_SERVICE_CODES.map((code, i) => ({
  code,
  name: STATION_LABELS_ZH.service[code],
  nameEn: STATION_LABELS_EN.service[code],
  basic: (STATION_BASIC_SERVICES as readonly string[]).includes(code),
  sort: (i + 1) * 10,
}));

/** Inserts the catalogue codes that are missing; returns how many it inserted. */
export async function seedServiceCatalogue(db: Db): Promise<number> {
  const r = await db
    .insert(stationServiceType)
    .values(SERVICE_CATALOGUE.map((s) => ({ ...s })))
    .onConflictDoNothing()
    .returning({ code: stationServiceType.code });
  return r.length;
}

// ---------------------------------------------------------------------------------------------
// Demo stations

const DAILY = [1, 2, 3, 4, 5, 6, 7];
const hours = (h: Partial<StationHours> & Pick<StationHours, 'weekly'>): StationHours =>
  parseHours({ alwaysOpen: false, holidays: 'as_usual', ...h });
const H24: StationHours = parseHours({ alwaysOpen: true, weekly: [], holidays: 'as_usual' });
const COPPER = hours({ weekly: [{ days: DAILY, open: '08:00', close: '22:00' }] });
const COPPER_SHORT = hours({ weekly: [{ days: DAILY, open: '09:00', close: '21:00' }] });
const RIDER_NIGHT = hours({ weekly: [{ days: DAILY, open: '10:00', close: '02:00' }] });
const RIDER_DAY = hours({ weekly: [{ days: DAILY, open: '09:00', close: '22:00' }] });
const CANTEEN = hours({ weekly: [{ days: DAILY, open: '06:30', close: '20:30' }] });
const COMMUNITY = hours({
  weekly: [
    { days: [1, 2, 3, 4, 5], open: '08:30', close: '18:00' },
    { days: [6, 7], open: '09:00', close: '17:00' },
  ],
  holidays: { open: '09:00', close: '12:00' },
});
const COMMUNITY_CLOSED_ON_HOLIDAYS = hours({
  weekly: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
  holidays: 'closed',
});
const MEAL_HEATING_HOURS = hours({
  weekly: [
    { days: DAILY, open: '11:00', close: '14:00' },
    { days: DAILY, open: '17:00', close: '20:00' },
  ],
});

type ServiceSpec = StationServiceCode | { code: StationServiceCode; hours?: StationHours; note?: string };
const BASIC: ServiceSpec[] = [...STATION_BASIC_SERVICES];

export interface DemoStation {
  name: string;
  kind: StationKind;
  hostType: StationHostType;
  /** Key of DEMO_ORGS (seed/demo.ts) of the operator. */
  operator: string;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  hours: StationHours;
  services: ServiceSpec[];
  capacity?: Partial<Record<StationResource, number>>;
  openToResidents?: boolean;
  description?: string;
  /** Demo logins keeping the station. */
  keepers?: string[];
}

const SHAWAN = [
  {
    name: '沙湾区G348“暖心之家”',
    kind: 'warm_home',
    hostType: 'party_centre',
    operator: 'swq.jtys',
    regionCode: '511111101',
    address: '乐山市沙湾区嘉农镇G348国道旁',
    lat: 29.4468,
    lng: 103.5741,
    hours: H24,
    services: [
      ...BASIC,
      { code: 'lodging', note: '自带被褥1元/晚' },
      { code: 'truck_parking', note: '停车场监控画面接入房间' },
      { code: 'set_meal', note: '10元套餐，两荤一素', hours: CANTEEN },
      'road_rescue',
      'enforcement_desk',
      'legal_aid',
      'toilet',
    ],
    capacity: { beds: 20, truck_bays: 30 },
    description:
      '全省首个普通国省干线G348线货车司机“暖心之家”，党群服务中心，住宿、停车、就餐、救援、综执一站式服务。',
    keepers: ['swq.keeper'],
  },
  {
    name: '卡嫂服务驿站（暖心之家）',
    kind: 'kasao',
    hostType: 'party_centre',
    operator: 'swq.jtys',
    regionCode: '511111101',
    address: '乐山市沙湾区嘉农镇G348国道旁“暖心之家”内',
    lat: 29.4471,
    lng: 103.5746,
    hours: RIDER_DAY,
    services: ['rest', 'water', 'holiday_childcare', 'activities'],
  },
  {
    name: '铜河小哥之家·铜心驿站',
    kind: 'copper_heart',
    hostType: 'government_premises',
    operator: 'swq.station',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇铜河路（机关闲置阵地）',
    lat: 29.4128,
    lng: 103.5502,
    hours: COPPER,
    services: [
      ...BASIC,
      { code: 'meal_heating', hours: MEAL_HEATING_HOURS },
      'cooling_warming',
      'medicine_kit',
    ],
    capacity: { seats: 24, chargers: 10 },
    openToResidents: true,
    keepers: ['swq.keeper'],
  },
  {
    name: '铜心驿站·沫若广场商超点',
    kind: 'copper_heart',
    hostType: 'supermarket',
    operator: 'swq.station',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇沫若广场旁商超一楼',
    lat: 29.4156,
    lng: 103.5468,
    hours: COPPER,
    services: [...BASIC, { code: 'meal_heating', hours: MEAL_HEATING_HOURS }, 'cooling_warming'],
    capacity: { seats: 12 },
    openToResidents: true,
  },
  {
    name: '铜心驿站·滨河路药店点',
    kind: 'copper_heart',
    hostType: 'pharmacy',
    operator: 'swq.station',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇滨河路药店内',
    lat: 29.4093,
    lng: 103.5519,
    hours: COPPER_SHORT,
    services: [...BASIC, 'medicine_kit', 'cooling_warming'],
    capacity: { seats: 6 },
    openToResidents: true,
  },
  {
    name: '铜心驿站·沙湾区政务服务中心',
    kind: 'copper_heart',
    hostType: 'government_premises',
    operator: 'swq.station',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇政务服务中心一楼',
    lat: 29.4182,
    lng: 103.5531,
    hours: hours({ weekly: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }], holidays: 'closed' }),
    services: [...BASIC, 'proxy_affairs', 'policy_consulting', 'toilet'],
    capacity: { seats: 10 },
    openToResidents: true,
  },
  {
    name: '铜心驿站·嘉农镇商超点',
    kind: 'copper_heart',
    hostType: 'supermarket',
    operator: 'swq.station',
    regionCode: '511111101',
    address: '乐山市沙湾区嘉农镇场镇商超内',
    lat: 29.4395,
    lng: 103.5677,
    hours: COPPER_SHORT,
    services: [...BASIC, { code: 'meal_heating', hours: MEAL_HEATING_HOURS }],
    capacity: { seats: 8 },
    openToResidents: true,
  },
  {
    name: '铜心驿站·太平镇便民药房点',
    kind: 'copper_heart',
    hostType: 'pharmacy',
    operator: 'swq.station',
    regionCode: '511111102',
    address: '乐山市沙湾区太平镇场镇便民药房',
    lat: 29.3867,
    lng: 103.5262,
    hours: COPPER_SHORT,
    services: [...BASIC, 'medicine_kit'],
    capacity: { seats: 4 },
    openToResidents: true,
  },
  {
    name: '铜心驿站·福禄镇机关阵地',
    kind: 'copper_heart',
    hostType: 'government_premises',
    operator: 'swq.station',
    regionCode: '511111103',
    address: '乐山市沙湾区福禄镇便民服务中心旁',
    lat: 29.3692,
    lng: 103.5874,
    hours: COPPER,
    services: [...BASIC, 'cooling_warming', 'ebike_charging'],
    capacity: { seats: 8, chargers: 6 },
    openToResidents: true,
  },
  {
    name: '沙湾区人民食堂',
    kind: 'canteen',
    hostType: 'community',
    operator: 'swq.station',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇人民食堂',
    lat: 29.4141,
    lng: 103.5489,
    hours: CANTEEN,
    services: ['meals', 'proxy_affairs', 'holiday_childcare', 'meal_delivery', 'water', 'rest'],
    capacity: { seats: 200 },
    openToResidents: true,
    description: '早、中、晚三餐，政务代办、节假日托幼，铜河小哥志愿者为居民送餐上门。',
    keepers: ['swq.keeper'],
  },
  {
    name: '沙湾区职工之家',
    kind: 'workers_home',
    hostType: 'party_centre',
    operator: 'swq.lxgw',
    regionCode: '511111100',
    address: '乐山市沙湾区沙湾镇区总工会一楼',
    lat: 29.4167,
    lng: 103.5512,
    hours: COMMUNITY_CLOSED_ON_HOLIDAYS,
    services: ['rest', 'water', 'reading', 'legal_aid', 'activities'],
  },
] as const satisfies readonly DemoStation[];

/** 市中区 小哥加油吧 at the carriers named in the article (POS-05, POS-06). */
const RIDER_BARS = [
  {
    name: '小哥加油吧·市中区“心连心”党群服务中心',
    kind: 'rider_bar',
    hostType: 'party_centre',
    operator: 'szq.xgz',
    regionCode: '511102004',
    address: '乐山市市中区“心连心”党群服务中心',
    lat: 29.5563,
    lng: 103.7618,
    hours: RIDER_NIGHT,
    services: [
      'medicine_kit',
      { code: 'meal_heating', hours: MEAL_HEATING_HOURS },
      'cooling_warming',
      'wifi',
      'water',
      'reading',
      'rest',
      'charging',
    ],
    capacity: { seats: 20 },
  },
  {
    name: '小哥加油吧·嘉瑞财富商圈党群服务中心',
    kind: 'rider_bar',
    hostType: 'party_centre',
    operator: 'szq.xgz',
    regionCode: '511102006',
    address: '乐山市市中区嘉瑞财富商圈党群服务中心',
    lat: 29.5741,
    lng: 103.7586,
    hours: RIDER_NIGHT,
    services: [
      'medicine_kit',
      { code: 'meal_heating', hours: MEAL_HEATING_HOURS },
      'cooling_warming',
      'wifi',
      'water',
      'reading',
      'rest',
    ],
    capacity: { seats: 16 },
  },
  {
    name: '嘉州充电堡·小哥加油吧（肖坝）',
    kind: 'charging',
    hostType: 'enterprise',
    operator: 'szq.xgz',
    regionCode: '511102008',
    address: '乐山市市中区肖坝路嘉州充电堡',
    lat: 29.5702,
    lng: 103.7441,
    hours: H24,
    services: ['ebike_charging', 'charging', 'water', 'rest'],
    capacity: { chargers: 24, parking_bays: 30 },
  },
  {
    name: '嘉州充电堡·小哥加油吧（绿心公园）',
    kind: 'charging',
    hostType: 'enterprise',
    operator: 'szq.xgz',
    regionCode: '511102009',
    address: '乐山市市中区绿心公园南门嘉州充电堡',
    lat: 29.5884,
    lng: 103.7362,
    hours: H24,
    services: ['ebike_charging', 'charging', 'water'],
    capacity: { chargers: 16, parking_bays: 20 },
  },
  {
    name: '城市解忧亭·小哥加油吧（张公桥）',
    kind: 'rider_bar',
    hostType: 'party_centre',
    operator: 'szq.xgz',
    regionCode: '511102004',
    address: '乐山市市中区张公桥好吃街口城市解忧亭',
    lat: 29.5592,
    lng: 103.7597,
    hours: RIDER_DAY,
    services: ['water', 'wifi', 'charging', 'medicine_kit', 'cooling_warming', 'rest'],
    capacity: { seats: 6 },
  },
  {
    name: '城市解忧亭·小哥加油吧（全福）',
    kind: 'rider_bar',
    hostType: 'party_centre',
    operator: 'szq.xgz',
    regionCode: '511102010',
    address: '乐山市市中区全福街道城市解忧亭',
    lat: 29.5448,
    lng: 103.7366,
    hours: RIDER_DAY,
    services: ['water', 'wifi', 'charging', 'medicine_kit', 'rest'],
    capacity: { seats: 6 },
  },
] as const satisfies readonly DemoStation[];

/** The five 市中区 streets and the community centres opened to riders in each (49 in all, POS-07). */
const STREETS = [
  {
    code: '511102004',
    name: '大佛街道',
    operator: 'szq.dafo.c1',
    centre: { lat: 29.5545, lng: 103.7628 },
    places: [
      '嘉州',
      '府街',
      '县街',
      '玉堂',
      '土桥',
      '鼓楼',
      '铁牛',
      '白塔',
      '较场坝',
      '月咡塘',
      '王浩儿',
      '桂花楼',
    ],
  },
  {
    code: '511102006',
    name: '通江街道',
    operator: 'szq.tongjiang.c1',
    centre: { lat: 29.5752, lng: 103.7612 },
    places: ['通江', '柏杨', '龙游', '青衣', '滨江', '新村', '凤凰', '半边街', '荔枝湾', '岷江'],
  },
  {
    code: '511102008',
    name: '海棠街道',
    operator: 'szq.lxgw',
    centre: { lat: 29.5694, lng: 103.7455 },
    places: ['海棠', '肖坝', '碧山', '竹公溪', '红星', '春华', '学府', '明月', '瑞祥', '桂湖'],
  },
  {
    code: '511102009',
    name: '绿心街道',
    operator: 'szq.lxgw',
    centre: { lat: 29.5868, lng: 103.7377 },
    places: ['绿心', '苏稽路', '凤洲', '杜家场', '华庭', '联丰', '锦绣', '阳光', '新桥'],
  },
  {
    code: '511102010',
    name: '全福街道',
    operator: 'szq.lxgw',
    centre: { lat: 29.5446, lng: 103.7381 },
    places: ['全福', '关庙', '青龙', '水井冲', '乐峨', '麻柳', '太白', '兴发'],
  },
] as const;

function communityCentres(): DemoStation[] {
  const out: DemoStation[] = [];
  for (const s of STREETS)
    s.places.forEach((place, i) => {
      // On a small circle around the street's centre: spread, deterministic.
      const angle = (2 * Math.PI * i) / s.places.length;
      const r = 0.004 + 0.0025 * (i % 3);
      out.push({
        name: `${place}社区党群服务中心`,
        kind: 'community_centre',
        hostType: 'community',
        operator: s.operator,
        regionCode: s.code,
        address: `乐山市市中区${s.name}${place}社区`,
        lat: Number((s.centre.lat + r * Math.cos(angle)).toFixed(5)),
        lng: Number((s.centre.lng + r * Math.sin(angle) * 1.15).toFixed(5)),
        hours: i % 4 === 3 ? COMMUNITY_CLOSED_ON_HOLIDAYS : COMMUNITY,
        services:
          i % 3 === 0
            ? ['rest', 'water', 'charging', 'wifi', 'reading', 'meal_heating', 'activities']
            : ['rest', 'water', 'charging', 'wifi', 'activities'],
        capacity: { seats: 10 + 2 * (i % 5) },
        openToResidents: true,
      });
    });
  return out;
}

export const DEMO_STATIONS: readonly DemoStation[] = [...SHAWAN, ...RIDER_BARS, ...communityCentres()];

/**
 * Inserts the demo stations that are missing (matched by name), with their services, capacity
 * and keepers, in one transaction with one audit row. Returns how many it created (0 on a
 * second run).
 */
export async function seedDemoStations(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<{ created: number }> {
  return inTransaction(deps.database, async ({ tx }) => {
    await seedServiceCatalogue(tx);
    const names = DEMO_STATIONS.map((s) => s.name);
    const existing = new Set(
      (await tx.select({ name: station.name }).from(station).where(inArray(station.name, names))).map(
        (r) => r.name,
      ),
    );
    const missing = DEMO_STATIONS.filter((s) => !existing.has(s.name));
    if (missing.length === 0) return { created: 0 };
    const at = new Date();
    for (const s of missing) {
      const operatorOrgId = orgIds[s.operator];
      if (!operatorOrgId) throw new Error(`Demo station ${s.name}: no organisation ${s.operator}`);
      const h = holidayColumns(s.hours);
      const row = await repo.insertStation(tx, {
        code: await repo.nextStationCode(tx, s.regionCode.slice(0, 6)),
        name: s.name,
        description: s.description ?? null,
        kind: s.kind,
        hostType: s.hostType,
        operatorOrgId,
        regionCode: s.regionCode,
        address: s.address,
        lat: s.lat,
        lng: s.lng,
        phone: null,
        openToWorkers: true,
        openToResidents: s.openToResidents ?? false,
        hours: s.hours,
        openWeek: multirangeText(weekRanges(s.hours)),
        holidayMode: h.mode,
        holidayOpen: h.open,
        status: 'active',
        qrSecret: newQrSecret(),
        createdBy: SYSTEM_ACTOR.userId,
        createdAt: at,
        updatedAt: at,
      });
      await repo.replaceStationServices(
        tx,
        row.id,
        s.services.map((x) =>
          typeof x === 'string'
            ? { code: x, hours: null, note: null }
            : { code: x.code, hours: x.hours ?? null, note: x.note ?? null },
        ),
      );
      await repo.replaceCapacityTotals(
        tx,
        row.id,
        Object.entries(s.capacity ?? {}).map(([resource, total]) => ({
          resource: resource as StationResource,
          total,
          // A lived-in look: some places taken.
          available: Math.max(0, Math.round(total * 0.6)),
        })),
        at,
        null,
      );
      const keepers = (s.keepers ?? []).map((login) => userIds[login]).filter((id): id is string => !!id);
      await repo.replaceKeepers(tx, row.id, keepers, null);
    }
    await writeAudit(tx, SYSTEM_ACTOR, null, {
      action: 'seed.demo',
      entityType: 'station',
      note: `${missing.length} demo stations created`,
    });
    return { created: missing.length };
  });
}
