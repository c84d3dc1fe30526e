/**
 * Service positions 阵地 (docs/contract-stations.md): the enumerations and their zh-CN and English
 * labels as plain objects. This file imports nothing, so a web chunk that only shows labels does
 * not pull zod (import it as `@nuanxin/shared/stations.labels`).
 */

export const STATION_KINDS = [
  'warm_home',
  'copper_heart',
  'rider_bar',
  'community_centre',
  'canteen',
  'workers_home',
  'youth_home',
  'kasao',
  'neighbour_space',
  'charging',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const STATION_HOST_TYPES = [
  'supermarket',
  'pharmacy',
  'government_premises',
  'community',
  'enterprise',
  'party_centre',
  'other',
] as const;
export type StationHostType = (typeof STATION_HOST_TYPES)[number];

/** Set by keepers: what a worker finds when arriving now. */
export const STATION_LIVE_STATUSES = ['open', 'busy', 'full', 'closed_now'] as const;
export type StationLiveStatus = (typeof STATION_LIVE_STATUSES)[number];

/** Life cycle of the record: only `active` stations are public (map, list, page); `paused` and `closed` ones refuse check-ins. */
export const STATION_STATUSES = ['active', 'paused', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export const STATION_RESOURCES = ['seats', 'beds', 'parking_bays', 'truck_bays', 'chargers'] as const;
export type StationResource = (typeof STATION_RESOURCES)[number];

/** The five 基本服务 every 铜心驿站 offers (5+N). */
export const STATION_BASIC_SERVICES = ['rest', 'water', 'charging', 'wifi', 'reading'] as const;
export type StationBasicService = (typeof STATION_BASIC_SERVICES)[number];

/** Codes of the seeded service catalogue; staff may add more, so a service code is any string. */
export const STATION_SERVICE_CODES = [
  'rest',
  'water',
  'charging',
  'wifi',
  'reading',
  'medicine_kit',
  'meal_heating',
  'cooling_warming',
  'toilet',
  'ebike_charging',
  'legal_aid',
  'proxy_affairs',
  'holiday_childcare',
  'lodging',
  'truck_parking',
  'set_meal',
  'meals',
  'meal_delivery',
  'road_rescue',
  'enforcement_desk',
  'policy_consulting',
  'activities',
] as const;
export type StationServiceCode = (typeof STATION_SERVICE_CODES)[number];

export const STATION_LABEL_LOCALES = ['zh-CN', 'en'] as const;
export type StationLabelLocale = (typeof STATION_LABEL_LOCALES)[number];

export interface StationLabelSet {
  kind: Record<StationKind, string>;
  hostType: Record<StationHostType, string>;
  liveStatus: Record<StationLiveStatus, string>;
  status: Record<StationStatus, string>;
  resource: Record<StationResource, string>;
  /** Names of the seeded services; a service added by staff carries its own name. */
  service: Record<StationServiceCode, string>;
  /** Unit shown after a capacity figure, e.g. "12/20 张". */
  resourceUnit: Record<StationResource, string>;
}

export const STATION_LABELS_ZH: StationLabelSet = {
  kind: {
    warm_home: '暖心之家',
    copper_heart: '铜心驿站',
    rider_bar: '小哥加油吧',
    community_centre: '党群服务中心',
    canteen: '人民食堂',
    workers_home: '职工之家',
    youth_home: '青年之家',
    kasao: '卡嫂服务驿站',
    neighbour_space: '睦邻空间',
    charging: '充电点',
  },
  hostType: {
    supermarket: '商超',
    pharmacy: '药店',
    government_premises: '机关闲置阵地',
    community: '社区',
    enterprise: '企业',
    party_centre: '党群服务中心',
    other: '其他',
  },
  liveStatus: {
    open: '正常开放',
    busy: '人多',
    full: '已满',
    closed_now: '暂停服务',
  },
  status: {
    active: '运营中',
    paused: '暂停',
    closed: '已关闭',
  },
  resource: {
    seats: '座位',
    beds: '床位',
    parking_bays: '停车位',
    truck_bays: '货车车位',
    chargers: '充电桩',
  },
  resourceUnit: {
    seats: '个',
    beds: '张',
    parking_bays: '个',
    truck_bays: '个',
    chargers: '个',
  },
  service: {
    rest: '临时休息',
    water: '免费饮水',
    charging: '手机充电',
    wifi: '共享WiFi',
    reading: '图书阅读',
    medicine_kit: '便民药箱',
    meal_heating: '餐食加热',
    cooling_warming: '避暑取暖',
    toilet: '卫生间',
    ebike_charging: '电动车充电',
    legal_aid: '法律援助',
    proxy_affairs: '政务代办',
    holiday_childcare: '节假日托幼',
    lodging: '住宿',
    truck_parking: '货车停车',
    set_meal: '10元套餐',
    meals: '早中晚餐',
    meal_delivery: '送餐上门',
    road_rescue: '道路应急救援',
    enforcement_desk: '一站式综执服务',
    policy_consulting: '政策咨询',
    activities: '交流活动',
  },
};

export const STATION_LABELS_EN: StationLabelSet = {
  kind: {
    warm_home: 'Warm-Heart Home',
    copper_heart: 'Copper-Heart Station',
    rider_bar: 'Rider Refuel Bar',
    community_centre: 'Party–mass service centre',
    canteen: "People's Canteen",
    workers_home: "Workers' Home",
    youth_home: 'Youth Home',
    kasao: "Truckers' Wives Station",
    neighbour_space: 'Good-Neighbour Space',
    charging: 'Charging point',
  },
  hostType: {
    supermarket: 'Supermarket',
    pharmacy: 'Pharmacy',
    government_premises: 'Idle government premises',
    community: 'Community',
    enterprise: 'Enterprise',
    party_centre: 'Party–mass service centre',
    other: 'Other',
  },
  liveStatus: {
    open: 'Open',
    busy: 'Busy',
    full: 'Full',
    closed_now: 'Paused now',
  },
  status: {
    active: 'Active',
    paused: 'Paused',
    closed: 'Closed',
  },
  resource: {
    seats: 'Seats',
    beds: 'Beds',
    parking_bays: 'Parking bays',
    truck_bays: 'Truck bays',
    chargers: 'Chargers',
  },
  resourceUnit: {
    seats: '',
    beds: '',
    parking_bays: '',
    truck_bays: '',
    chargers: '',
  },
  service: {
    rest: 'Rest',
    water: 'Drinking water',
    charging: 'Phone charging',
    wifi: 'Wi-Fi',
    reading: 'Reading',
    medicine_kit: 'Medicine kit',
    meal_heating: 'Meal heating',
    cooling_warming: 'Cooling / warming',
    toilet: 'Toilet',
    ebike_charging: 'E-bike charging',
    legal_aid: 'Legal aid',
    proxy_affairs: 'Government-affairs proxy',
    holiday_childcare: 'Holiday childcare',
    lodging: 'Lodging',
    truck_parking: 'Truck parking',
    set_meal: '10-yuan set meal',
    meals: 'Breakfast, lunch, dinner',
    meal_delivery: 'Meal delivery',
    road_rescue: 'Road rescue',
    enforcement_desk: 'One-stop enforcement desk',
    policy_consulting: 'Policy consultation',
    activities: 'Activities',
  },
};

export const STATION_LABELS: Record<StationLabelLocale, StationLabelSet> = {
  'zh-CN': STATION_LABELS_ZH,
  en: STATION_LABELS_EN,
};

/** Label of a service code; a code staff added to the catalogue falls back to `fallback` or the code. */
export function stationServiceLabel(
  code: string,
  locale: StationLabelLocale = 'zh-CN',
  fallback?: string,
): string {
  const map: Record<string, string> = STATION_LABELS[locale].service;
  return map[code] ?? fallback ?? code;
}

/** Day names, 1 = Monday … 7 = Sunday (as in the opening hours). */
export const STATION_WEEKDAY_LABELS: Record<StationLabelLocale, Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>> = {
  'zh-CN': { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
  en: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
};
