import type { RegionLevel } from '@nuanxin/shared';

/**
 * Administrative divisions of 乐山市 (Leshan), data version 2023.
 *
 * Source: county level — GB/T 2260 codes as published by the Ministry of Civil Affairs (MCA),
 * cross-checked with the 2023 release of the National Bureau of Statistics (NBS)
 * 统计用区划代码 (as of 2023-06-30). Township level — NBS 2023 统计用区划代码 (9 digits =
 * 6-digit county code + 3-digit township code); only 市中区 and 沙湾区 are loaded so far.
 *
 * `checked: true` marks rows confirmed against the 2023 NBS data set; `checked: false` rows were
 * filled in from secondary sources and are NOT verified. Town and street boundaries in Leshan
 * were reorganised in recent years: check this whole file against the current MCA/NBS list
 * before production use, and publish corrections as a new DATA_VERSION (codes that are retired
 * get `effectiveTo` instead of being deleted, because old records keep pointing at them).
 */
export const DATA_VERSION = '2023-nbs-1';

export interface RegionSeed {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  checked: boolean;
}

const province: RegionSeed[] = [
  { code: '510000', name: '四川省', level: 'province', parentCode: null, checked: true },
];

const city: RegionSeed[] = [
  { code: '511100', name: '乐山市', level: 'city', parentCode: '510000', checked: true },
];

const counties: RegionSeed[] = (
  [
    ['511102', '市中区'],
    ['511111', '沙湾区'],
    ['511112', '五通桥区'],
    ['511113', '金口河区'],
    ['511123', '犍为县'],
    ['511124', '井研县'],
    ['511126', '夹江县'],
    ['511129', '沐川县'],
    ['511132', '峨边彝族自治县'],
    ['511133', '马边彝族自治县'],
    ['511181', '峨眉山市'],
  ] as const
).map(([code, name]) => ({ code, name, level: 'county', parentCode: '511100', checked: true }));

/** 市中区: 5 streets (街道) and 12 towns (镇), 17 units in the 2023 data. */
const shizhong: RegionSeed[] = (
  [
    ['004', '大佛街道', true],
    ['006', '通江街道', true],
    ['008', '海棠街道', true],
    ['009', '绿心街道', true],
    ['010', '全福街道', true],
    ['101', '牟子镇', true],
    ['102', '苏稽镇', false],
    ['103', '水口镇', false],
    ['104', '安谷镇', false],
    ['106', '九峰镇', false],
    ['107', '车子镇', false],
    ['108', '茅桥镇', false],
    ['109', '平兴镇', false],
    ['110', '棉竹镇', false],
    ['113', '白马镇', false],
    ['114', '土主镇', false],
    ['118', '剑峰镇', true],
  ] as const
).map(([suffix, name, checked]) => ({
  code: `511102${suffix}`,
  name,
  level: 'township',
  parentCode: '511102',
  checked,
}));

/** 沙湾区: towns (镇) and townships (乡). Not verified: check against the current list. */
const shawan: RegionSeed[] = (
  [
    ['100', '沙湾镇'],
    ['101', '嘉农镇'],
    ['102', '太平镇'],
    ['103', '福禄镇'],
    ['104', '牛石镇'],
    ['105', '龚嘴镇'],
    ['106', '葫芦镇'],
    ['107', '踏水镇'],
    ['201', '轸溪乡'],
  ] as const
).map(([suffix, name]) => ({
  code: `511111${suffix}`,
  name,
  level: 'township',
  parentCode: '511111',
  checked: false,
}));

/** Every region, parents before children (the table has a foreign key to the parent). */
export const REGIONS_511100: readonly RegionSeed[] = [
  ...province,
  ...city,
  ...counties,
  ...shizhong,
  ...shawan,
];

export const CITY_CODE = '511100';
export const SHIZHONG_CODE = '511102';
export const SHAWAN_CODE = '511111';
