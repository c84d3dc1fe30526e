import { STATION_BASIC_SERVICES, STATION_KINDS, STATION_LABELS_ZH, type StationHours } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  holidayColumns,
  multirangeText,
  parseHours,
  weekRanges,
} from '../modules/stations/stations.hours.ts';
import type { Db } from '../platform/db/client.ts';
import { AppError } from '../platform/http/errors.ts';

/**
 * `nuanxin generate stations --count N [--seed S]`: service stations for load and map testing.
 *
 * Set-based: each batch is one transaction of a few `INSERT … SELECT` statements over
 * `generate_series`, every random choice a hash of (seed, station number, slot), so a seed gives
 * the same data set. Stations fall within ~15 km of the district centres, in the district's
 * townships, with a kind mix like the real network (many 铜心驿站 and community centres, few
 * 暖心之家), one of a few opening-hours patterns, services (the five basic ones for every
 * 铜心驿站, a random handful otherwise) and capacity. Codes continue each county's counter.
 * Names end in （生成） so nobody takes them for real places.
 *
 * It needs the regions and some organisations of the districts: `nuanxin seed demo`.
 */

export interface GenerateStationsOptions {
  count: number;
  /** District codes (county level); default 市中区 and 沙湾区. */
  regions?: readonly string[];
  seed?: number;
  /** Add to a database that already holds many stations. */
  append?: boolean;
  /** Stations per transaction. */
  batchSize?: number;
  /** Called after every batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateStationsResult {
  stations: number;
  services: number;
  capacity: number;
  ms: number;
}

/** Approximate centres of the districts (WGS-84). */
const CENTRES: Record<string, { lat: number; lng: number }> = {
  '511102': { lat: 29.5521, lng: 103.7656 },
  '511111': { lat: 29.4124, lng: 103.5494 },
  '511112': { lat: 29.3523, lng: 103.7542 },
  '511113': { lat: 29.4012, lng: 103.8883 },
};
const RADIUS_M = 15_000;
const DEFAULT_REGIONS = ['511102', '511111'] as const;
/** Above this many stations the database was generated into (or is a real one). */
const REFUSE_ABOVE = 500;

/** Kind mix, cumulative weights in per mille. */
const KIND_WEIGHTS: readonly [string, number][] = [
  ['copper_heart', 300],
  ['community_centre', 250],
  ['rider_bar', 150],
  ['charging', 100],
  ['canteen', 50],
  ['workers_home', 50],
  ['neighbour_space', 40],
  ['youth_home', 30],
  ['warm_home', 15],
  ['kasao', 15],
];

const HOST_OF: Record<string, string> = {
  copper_heart: 'supermarket',
  community_centre: 'community',
  rider_bar: 'party_centre',
  charging: 'enterprise',
  canteen: 'community',
  workers_home: 'party_centre',
  neighbour_space: 'community',
  youth_home: 'party_centre',
  warm_home: 'party_centre',
  kasao: 'party_centre',
};

const DAILY = [1, 2, 3, 4, 5, 6, 7];
const HOURS_PATTERNS: StationHours[] = [
  parseHours({ weekly: [{ days: DAILY, open: '08:00', close: '22:00' }] }),
  parseHours({ weekly: [{ days: DAILY, open: '09:00', close: '21:00' }], holidays: 'closed' }),
  parseHours({ alwaysOpen: true }),
  parseHours({ weekly: [{ days: DAILY, open: '10:00', close: '02:00' }] }),
  parseHours({
    weekly: [
      { days: [1, 2, 3, 4, 5], open: '08:30', close: '18:00' },
      { days: [6, 7], open: '09:00', close: '17:00' },
    ],
    holidays: { open: '09:00', close: '12:00' },
  }),
];

type Row = Record<string, unknown>;
async function rows(db: Db, q: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(q)) as unknown as { rows: Row[] }).rows;
}

/** A SQL string literal. */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A UUIDv7-shaped id: the time now, then a hash of `key` (unique per station). */
const uuid7 = (key: string) =>
  `(lpad(to_hex((extract(epoch from now()) * 1000)::bigint), 12, '0') || '7' || substr(md5(${key}), 1, 3) || '8' || substr(md5(${key}), 4, 15))::uuid`;

/** A random number in [0, 1) from (seed, station number g, slot k). */
const rnd = (seed: number, k: number) =>
  `((hashint8(g * 64 + ${k} + ${seed * 7919}::bigint)::bigint + 2147483648) / 4294967296.0::float8)`;

interface Reference {
  towns: Map<string, { code: string; name: string }[]>;
  operators: Map<string, string[]>;
}

async function loadReference(db: Db, regions: readonly string[]): Promise<Reference> {
  const towns = new Map<string, { code: string; name: string }[]>();
  const operators = new Map<string, string[]>();
  const townRows = await rows(
    db,
    sql`select code, name, parent_code as county from region
         where parent_code in ${regions} and level = 'township' order by code`,
  );
  for (const t of townRows) {
    const list = towns.get(String(t.county)) ?? [];
    list.push({ code: String(t.code), name: String(t.name) });
    towns.set(String(t.county), list);
  }
  const orgRows = await rows(
    db,
    sql`select id, left(region_code, 6) as county from organisation
         where left(region_code, 6) in ${regions}
           and kind in ('station_operator', 'community', 'township', 'district_org_dept',
                        'comprehensive_party_committee', 'industry_party_committee')
         order by id`,
  );
  for (const o of orgRows) {
    const list = operators.get(String(o.county)) ?? [];
    list.push(String(o.id));
    operators.set(String(o.county), list);
  }
  for (const r of regions) {
    if (!towns.get(r)?.length || !operators.get(r)?.length)
      throw new AppError(
        'common.validation',
        `The demo data is missing for ${r} (townships or organisations); run \`nuanxin seed demo\` first, then generate stations.`,
      );
  }
  return { towns, operators };
}

function batchSql(
  ref: Reference,
  regions: readonly string[],
  o: { lo: number; hi: number; seed: number },
): string {
  const countyArr = `array[${regions.map(lit).join(',')}]::text[]`;
  const centreLat = `(array[${regions.map((r) => CENTRES[r]!.lat).join(',')}]::float8[])`;
  const centreLng = `(array[${regions.map((r) => CENTRES[r]!.lng).join(',')}]::float8[])`;
  const townCodes = regions.map(
    (r) =>
      `array[${ref.towns
        .get(r)!
        .map((t) => lit(t.code))
        .join(',')}]`,
  );
  const townNames = regions.map(
    (r) =>
      `array[${ref.towns
        .get(r)!
        .map((t) => lit(t.name))
        .join(',')}]`,
  );
  const ops = regions.map((r) => `array[${ref.operators.get(r)!.map(lit).join(',')}]::uuid[]`);
  const pick = (arrays: string[], idx: string, rand: string) =>
    `(case ${idx} ${arrays.map((a, i) => `when ${i + 1} then (${a})[1 + floor(${rand} * cardinality(${a}))::int]`).join(' ')} end)`;
  let acc = 0;
  const kindCase = `(case ${KIND_WEIGHTS.map(([k, w]) => {
    acc += w;
    return `when ${rnd(o.seed, 3)} * 1000 < ${acc} then ${lit(k)}`;
  }).join(' ')} else 'copper_heart' end)`;
  const hours = HOURS_PATTERNS.map((h) => {
    const hc = holidayColumns(h);
    return { json: JSON.stringify(h), week: multirangeText(weekRanges(h)), mode: hc.mode, open: hc.open };
  });
  // The four hours columns use the same random slot (6), so they always describe one pattern.
  const hourPick = (field: 'json' | 'week' | 'mode' | 'open', cast: string) =>
    `(array[${hours.map((h) => lit(h[field])).join(',')}])[1 + floor(${rnd(o.seed, 6)} * ${hours.length})::int]${cast}`;
  const labels = STATION_KINDS.map((k) => `when ${lit(k)} then ${lit(STATION_LABELS_ZH.kind[k])}`).join(' ');
  return `create temp table gen_station on commit drop as
    with base as (
      select g, 1 + (g % ${regions.length})::int as ci,
             ${rnd(o.seed, 1)} as r_dist, ${rnd(o.seed, 2)} as r_angle, ${kindCase} as kind,
             ${rnd(o.seed, 4)} as r_town, ${rnd(o.seed, 5)} as r_op
        from generate_series(${o.lo}::bigint, ${o.hi}::bigint) g
    )
    select g, ${uuid7(`${o.seed} || ':station:' || g`)} as id,
           (${countyArr})[ci] as county, kind,
           ${pick(townCodes, 'ci', 'r_town')} as region_code,
           ${pick(townNames, 'ci', 'r_town')} as town_name,
           ${pick(ops, 'ci', 'r_op')} as operator_org_id,
           ${centreLat}[ci] + ${RADIUS_M} * sqrt(r_dist) * cos(2 * pi() * r_angle) / 111320.0 as lat,
           ${centreLng}[ci] + ${RADIUS_M} * sqrt(r_dist) * sin(2 * pi() * r_angle)
             / (111320.0 * cos(radians(${centreLat}[ci]))) as lng,
           ${hourPick('json', '::jsonb')} as hours,
           ${hourPick('week', '::int4multirange')} as open_week,
           ${hourPick('mode', '')} as holiday_mode,
           ${hourPick('open', '::int4multirange')} as holiday_open,
           case when ${rnd(o.seed, 7)} < 0.15 then 'busy' when ${rnd(o.seed, 7)} < 0.18 then 'full'
                when ${rnd(o.seed, 7)} < 0.2 then 'closed_now' else 'open' end as live_status,
           ${rnd(o.seed, 8)} as r_cap,
           row_number() over (partition by ci order by g) as nth
      from base;
    create temp table gen_seq on commit drop as
      select county, count(*)::int as n from gen_station group by county;
    insert into station_code_seq (county, last) select county, 0 from gen_seq on conflict (county) do nothing;
    update station_code_seq q set last = q.last + s.n from gen_seq s where q.county = s.county;
    create temp table gen_base on commit drop as
      select q.county, q.last - s.n as before from station_code_seq q join gen_seq s on s.county = q.county;
    insert into station (id, code, name, description, kind, host_type, operator_org_id, region_code, address,
        lat, lng, phone, open_to_workers, open_to_residents, hours, open_week, holiday_mode, holiday_open,
        live_status, live_status_at, status, qr_secret, version, created_at, updated_at)
      select s.id, 'ST-' || s.county || '-' || lpad((b.before + s.nth)::text, 4, '0'),
             (case s.kind ${labels} end) || '·' || s.town_name || (b.before + s.nth) || '号（生成）',
             null, s.kind, (case s.kind ${Object.entries(HOST_OF)
               .map(([k, h]) => `when ${lit(k)} then ${lit(h)}`)
               .join(' ')} end),
             s.operator_org_id, s.region_code, '乐山市' || s.town_name || '（生成地址）',
             s.lat, s.lng, null, true, s.kind in ('copper_heart', 'community_centre', 'canteen'),
             s.hours, s.open_week, s.holiday_mode, s.holiday_open,
             s.live_status, case when s.live_status <> 'open' then now() end, 'active',
             md5(${o.seed} || ':qr:' || s.g) || md5(${o.seed} || ':qr2:' || s.g), 1, now(), now()
        from gen_station s join gen_base b on b.county = s.county;`;
}

function servicesSql(seed: number): string {
  const basic = `array[${STATION_BASIC_SERVICES.map(lit).join(',')}]`;
  return `insert into station_service (station_id, service_code)
    select s.id, t.code from gen_station s cross join station_service_type t
     where t.enabled and (
       (s.kind = 'copper_heart' and t.code = any(${basic}))
       or ((hashint8(s.g * 131 + hashtext(t.code) + ${seed * 104729}::bigint)::bigint + 2147483648) / 4294967296.0
           < case when t.basic then 0.6 else 0.15 end)
     )`;
}

function capacitySql(): string {
  return `insert into station_capacity (station_id, resource, total, available, updated_at)
    select s.id, c.resource, c.total, floor(c.total * s.r_cap)::int, now()
      from gen_station s
      cross join lateral (values
        ('seats', case s.kind when 'canteen' then 200 when 'warm_home' then 40 else 4 + floor(s.r_cap * 20)::int end),
        ('beds', case when s.kind = 'warm_home' then 20 end),
        ('truck_bays', case when s.kind = 'warm_home' then 30 end),
        ('chargers', case when s.kind = 'charging' then 8 + floor(s.r_cap * 24)::int end),
        ('parking_bays', case when s.kind = 'charging' then 20 end)
      ) as c(resource, total)
     where c.total is not null`;
}

/** Fills the database; see the top of this file. */
export async function generateStations(
  db: Db,
  opts: GenerateStationsOptions,
): Promise<GenerateStationsResult> {
  const started = Date.now();
  const regions = [...(opts.regions ?? DEFAULT_REGIONS)];
  for (const r of regions)
    if (!/^\d{6}$/.test(r) || !CENTRES[r])
      throw new AppError(
        'common.validation',
        `--region ${r}: expected district codes among ${Object.keys(CENTRES).join(', ')}`,
      );
  if (!Number.isInteger(opts.count) || opts.count <= 0)
    throw new AppError('common.validation', '--count must be a positive integer');
  const [existing] = await rows(db, sql`select count(*)::int as n from station`);
  const have = Number(existing?.n ?? 0);
  if (have > REFUSE_ABOVE && !opts.append)
    throw new AppError(
      'common.conflict',
      `The database already holds ${have} stations; generating again would double them. Use --append to add ${opts.count} more.`,
    );
  const ref = await loadReference(db, regions);
  const seed = opts.seed ?? 1;
  const batch = opts.batchSize ?? 2_000;
  // Appending continues the numbering so the random slots (and ids) differ from the first run.
  const [gen] = await rows(db, sql`select count(*)::int as n from station where name like '%（生成）'`);
  const first = Number(gen?.n ?? 0);
  const out: GenerateStationsResult = { stations: 0, services: 0, capacity: 0, ms: 0 };
  const count = (r: unknown) =>
    Number(
      (r as { rowCount?: number; affectedRows?: number }).rowCount ??
        (r as { affectedRows?: number }).affectedRows ??
        0,
    );
  for (let lo = first; lo < first + opts.count; lo += batch) {
    const hi = Math.min(first + opts.count, lo + batch) - 1;
    await db.transaction(async (tx) => {
      for (const stmt of batchSql(ref, regions, { lo, hi, seed }).split(';\n')) {
        const text = stmt.trim();
        if (!text) continue;
        const r = await tx.execute(sql.raw(text));
        if (text.startsWith('insert into station (')) out.stations += count(r);
      }
      out.services += count(await tx.execute(sql.raw(servicesSql(seed))));
      out.capacity += count(await tx.execute(sql.raw(capacitySql())));
    });
    opts.onProgress?.(hi - first + 1, opts.count);
  }
  await db.execute(sql.raw('analyze station, station_service, station_capacity'));
  out.ms = Date.now() - started;
  return out;
}

/** A progress bar on stderr: percentage, stations per second and the time left. */
export function stationsProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  const t0 = Date.now();
  let lastTenth = -1;
  return (done, total) => {
    const secs = Math.max(0.001, (Date.now() - t0) / 1000);
    const rate = done / secs;
    const frac = done / total;
    const width = 30;
    const filled = Math.round(frac * width);
    const eta = Math.round((total - done) / Math.max(rate, 1e-9));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1).padStart(5)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} stations  ${Math.round(rate).toLocaleString('en-US')} stations/s  ETA ${eta}s`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (done >= total) stream.write('\n');
    } else {
      // Not a terminal: a line every 10 %.
      const tenth = Math.floor(frac * 10);
      if (tenth !== lastTenth || done >= total) stream.write(`${line}\n`);
      lastTenth = tenth;
    }
  };
}
