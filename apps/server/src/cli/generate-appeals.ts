import type { AppealType } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { refreshFactsOf } from '../modules/appeals/appeals.facts.ts';
import { refreshCube } from '../modules/appeals/appeals.metrics.repository.ts';
import { SEED_CATEGORIES } from '../modules/appeals/appeals.seed.ts';
import { shanghaiDate } from '../platform/calendar/index.ts';
import type { Db } from '../platform/db/client.ts';
import { AppError } from '../platform/http/errors.ts';

/**
 * `nuanxin generate appeals --count N`: a realistic year of appeals for load and query testing.
 *
 * Set-based: each batch of cases is one transaction of a few `INSERT … SELECT` statements over
 * `generate_series`, with every random choice a hash of (seed, case number, slot), so a seed gives
 * the same data set. Each case follows one path through the state machine (submit, accept or not,
 * dispatch, a return and redispatch now and then, sign, progress, resolve, a 不满意 visit and 重办
 * now and then, visit, close; a few refusals and terminations), with times that move forward.
 * Steps later than now are cut off, so recent cases are still open and the state is always the
 * state after the last step written. Cases, assignments, timeline events, visits, the cases' metric
 * facts (`appeal_fact`, by the same expressions the appeals service uses) and the case-number
 * counters are written together; the metrics' daily cube is rebuilt for the districts at the end.
 *
 * It needs the demo data (categories, the dispatch catalogue, units and users): `nuanxin seed demo`.
 */

export interface GenerateAppealsOptions {
  count: number;
  /** District codes (county level); default 市中区 and 沙湾区. */
  regions?: readonly string[];
  seed?: number;
  /** Add to a database that already holds many appeals. */
  append?: boolean;
  /** Cases per transaction. */
  batchSize?: number;
  now?: Date;
  /** Called after every batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateAppealsResult {
  cases: number;
  events: number;
  assignments: number;
  visits: number;
  ms: number;
}

/** Approximate centres of the districts (WGS-84); cases fall within ~15 km of them. */
const CENTRES: Record<string, { lat: number; lng: number }> = {
  '511102': { lat: 29.5521, lng: 103.7656 },
  '511111': { lat: 29.4124, lng: 103.5494 },
  '511112': { lat: 29.3523, lng: 103.7542 },
  '511113': { lat: 29.4012, lng: 103.8883 },
};
const RADIUS_M = 15_000;
/** More than the demo seed files; a database above this was generated (or is a real one). */
const REFUSE_ABOVE = 1_000;
const DEFAULT_REGIONS = ['511102', '511111'] as const;
const RESOLVE_DAYS: Record<AppealType, number> = {
  consult: 3,
  help: 7,
  suggestion: 7,
  complaint: 15,
  report: 15,
};

type Row = Record<string, unknown>;
async function rows(db: Db, q: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await db.execute(q)) as unknown as { rows: Row[] }).rows;
}

/** A SQL string literal. */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (xs: readonly string[]) => `array[${xs.map(lit).join(',')}]::text[]`;

interface Combo {
  categoryId: string;
  type: AppealType;
  radius: number;
  county: string;
  unitId: string;
  unitName: string;
  altUnitId: string;
  altUnitName: string;
  handlerId: string | null;
  handlerName: string;
  altHandlerId: string | null;
  altHandlerName: string;
  samples: string[];
}

interface Reference {
  combos: Combo[];
  towns: Map<string, string[]>;
  regionNames: Map<string, string>;
  workers: { id: string; name: string }[];
  dispatchers: Map<string, { id: string; name: string }>;
}

async function loadReference(db: Db, regions: readonly string[]): Promise<Reference> {
  const missing = (what: string) =>
    new AppError(
      'common.validation',
      `The demo data is missing (${what}); run \`nuanxin seed demo\` first, then generate appeals.`,
    );
  const rules = await rows(
    db,
    sql`select c.id as "categoryId", c.code, c.radius_meters as radius, r.region_code as county,
          r.unit_id as "unitId", o.name as "unitName"
        from appeal_dispatch_rule r
        join appeal_category c on c.id = r.category_id and c.parent_id is not null
        join organisation o on o.id = r.unit_id
       where r.region_code in ${regions}
       order by r.region_code, c.sort, c.code`,
  );
  if (rules.length === 0) throw missing(`no appeal categories with dispatch rules in ${regions.join(', ')}`);
  for (const r of regions)
    if (!rules.some((x) => x.county === r))
      throw missing(`no dispatch rules for region ${r}; it must be one of the demo districts`);
  const workers = (await rows(
    db,
    sql`select id, name from app_user where kind = 'worker' and status = 'active' order by id limit 500`,
  )) as { id: string; name: string }[];
  if (workers.length === 0) throw missing('no worker accounts');
  const dispatcherRows = await rows(
    db,
    sql`select distinct on (g.region_code) g.region_code as region, u.id, u.name
          from role_grant g join app_user u on u.id = g.user_id
         where g.role = 'dispatcher' and g.region_code in ${regions}
         order by g.region_code, u.id`,
  );
  const dispatchers = new Map(
    dispatcherRows.map((d) => [String(d.region), { id: String(d.id), name: String(d.name) }]),
  );
  for (const r of regions) if (!dispatchers.has(r)) throw missing(`no dispatcher for region ${r}`);
  const handlerRows = await rows(
    db,
    sql`select distinct on (u.id) u.id as "unitId", au.id, au.name
          from organisation u
          join organisation o on u.path like o.path || '%'
          join role_grant g on g.org_id = o.id and g.role in ('department_handler', 'community_staff')
          join app_user au on au.id = g.user_id and au.status = 'active'
         order by u.id, length(o.path) desc, au.id`,
  );
  const handlers = new Map(
    handlerRows.map((h) => [String(h.unitId), { id: String(h.id), name: String(h.name) }]),
  );
  const townRows = await rows(
    db,
    sql`select code, parent_code as county from region where parent_code in ${regions} and level = 'township' order by code`,
  );
  const towns = new Map<string, string[]>();
  for (const t of townRows)
    towns.set(String(t.county), [...(towns.get(String(t.county)) ?? []), String(t.code)]);
  const nameRows = await rows(db, sql`select code, name from region where code like '5111%'`);
  const regionNames = new Map(nameRows.map((r) => [String(r.code), String(r.name)]));

  const seedByCode = new Map(SEED_CATEGORIES.map((c) => [c.code, c]));
  const combos: Combo[] = rules.map((r, i) => {
    const county = String(r.county);
    // Redispatch goes to another unit of the same district (the next rule's unit).
    const same = rules.filter((x) => x.county === county && x.unitId !== r.unitId);
    const alt = same[i % Math.max(1, same.length)] ?? r;
    const seedCat = seedByCode.get(String(r.code));
    const h = handlers.get(String(r.unitId));
    const ah = handlers.get(String(alt.unitId));
    return {
      categoryId: String(r.categoryId),
      type: seedCat?.type ?? 'help',
      radius: Number(r.radius),
      county,
      unitId: String(r.unitId),
      unitName: String(r.unitName),
      altUnitId: String(alt.unitId),
      altUnitName: String(alt.unitName),
      handlerId: h?.id ?? null,
      handlerName: h?.name ?? String(r.unitName),
      altHandlerId: ah?.id ?? null,
      altHandlerName: ah?.name ?? String(alt.unitName),
      samples:
        seedCat && seedCat.samples.length > 0
          ? seedCat.samples
          : [`${seedCat?.name ?? '诉求'}，请帮忙协调解决。`],
    };
  });
  return { combos, towns, regionNames, workers, dispatchers };
}

/** The constant tables every batch joins, as VALUES lists. */
function referenceCtes(ref: Reference): string {
  const uuidOrNull = (x: string | null) => (x ? `${lit(x)}::uuid` : 'null::uuid');
  const combo = ref.combos
    .map((c, i) => {
      const centre = CENTRES[c.county] ?? CENTRES['511102']!;
      const d = ref.dispatchers.get(c.county)!;
      return `(${i}, ${lit(c.categoryId)}::uuid, ${lit(c.type)}, ${c.radius}, ${lit(c.county)}, ${lit(c.unitId)}::uuid, ${lit(c.unitName)}, ${lit(c.altUnitId)}::uuid, ${lit(c.altUnitName)}, ${uuidOrNull(c.handlerId)}, ${lit(c.handlerName)}, ${uuidOrNull(c.altHandlerId)}, ${lit(c.altHandlerName)}, ${textArray(c.samples)}, ${textArray(ref.towns.get(c.county) ?? [])}, ${centre.lat}, ${centre.lng}, ${lit(d.id)}::uuid, ${lit(d.name)}, ${RESOLVE_DAYS[c.type]}, ${lit(ref.regionNames.get(c.county) ?? '')})`;
    })
    .join(',\n');
  const workers = ref.workers.map((w, i) => `(${i}, ${lit(w.id)}::uuid, ${lit(w.name)})`).join(',');
  return `combo(i, category_id, type, radius, county, unit_id, unit_name, alt_unit_id, alt_unit_name,
      handler_id, handler_name, alt_handler_id, alt_handler_name, samples, towns, lat0, lng0,
      dispatcher_id, dispatcher_name, resolve_days, county_name) as (values ${combo}),
    worker(i, id, name) as (values ${workers})`;
}

/**
 * A UUIDv7 whose milliseconds are the timestamp expression `ts` (like the application's ids, so
 * primary keys stay in time order) and whose random part is the MD5 of `key`.
 */
const uuid7 = (ts: string, key: string) =>
  `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${key}), 1, 3) || '8' || substr(md5(${key}), 4, 15))::uuid`;

/** The SQL of one batch: fills the temporary table `gen_case` with cases lo..hi (inclusive). */
function caseTableSql(
  ref: Reference,
  o: { lo: number; hi: number; total: number; first: number; seed: number; now: Date; dayZero: Date },
): string {
  const nCombo = ref.combos.length;
  const nWorker = ref.workers.length;
  // r(k): a uniform number in [0, 1) from (seed, case number, slot k).
  const r = (k: number) =>
    `((hashint8(g * 64 + ${k} + ${o.seed * 7919}::bigint)::bigint + 2147483648) / 4294967296.0::float8)`;
  const H = `interval '1 hour'`;
  const D = `interval '1 day'`;
  const now = `${lit(o.now.toISOString())}::timestamptz`;
  const cut = (col: string) => `case when ${col} <= ${now} then ${col} end`;
  return `create temp table gen_case on commit drop as
with ${referenceCtes(ref)},
b as materialized (
  select g, ${Array.from({ length: 40 }, (_, k) => `${r(k)} as r${k}`).join(', ')}
    from generate_series(${o.lo}::bigint, ${o.hi}::bigint) g
),
c as materialized (
  select b.*, cb.i as ci, cb.resolve_days,
    w.id as worker_id,
    least(
      ${lit(o.dayZero.toISOString())}::timestamptz
        + floor(((g - ${o.first}) + b.r0) * 366.0 / ${o.total}) * ${D}
        + (7 + b.r1 * 15) * ${H},
      ${now} - (5 + b.r2 * 600) * interval '1 minute'
    ) as created_at,
    case when b.r9 < 0.85 then 'normal' when b.r9 < 0.97 then 'urgent' else 'critical' end as urgency,
    b.r10 < 0.7 as by_worker,
    case when b.r10 < 0.7 then 'app' else (array['hotline','hotline','wish_box','reception_day','staff'])[1 + floor(b.r11 * 5)::int] end as channel
  from b join combo cb on cb.i = floor(b.r4 * ${nCombo})::int
    join worker w on w.i = floor(b.r3 * ${nWorker})::int
),
p as materialized (
  select c.*,
    case c.urgency when 'normal' then 24 when 'urgent' then 2 else 1 end as dispatch_hours,
    c.r13 < 0.03 as refused,
    c.r13 >= 0.03 and c.r13 < 0.5 as accepted,
    c.r15 < 0.07 as returned,
    c.r19 < 0.015 as terminated,
    c.r22 < 0.04 as reopened,
    c.r25 < 0.08 as no_answer,
    c.r29 < 0.3 as progressed
  from c
),
t1 as materialized (
  select p.*,
    p.created_at + (300 + p.r12 * p.r12 * p.dispatch_hours * 3600 * 1.3) * interval '1 second' as t_decide
  from p
),
t2 as materialized (
  select t1.*,
    case when refused then t_decide end as x_refuse,
    case when accepted then t_decide end as x_accept,
    case when not refused then t_decide + case when accepted then (600 + r14 * 4 * 3600) * interval '1 second' else interval '0' end end as x_dispatch
  from t1
),
t3 as materialized (
  select t2.*,
    case when returned then x_dispatch + (1800 + r16 * 6 * 3600) * interval '1 second' end as x_return
  from t2
),
t4 as materialized (
  select t3.*, x_return + (1800 + r17 * 8 * 3600) * interval '1 second' as x_redispatch from t3
),
t5 as materialized (
  select t4.*, coalesce(x_redispatch, x_dispatch) + (300 + r18 * r18 * 4 * 3600) * interval '1 second' as x_sign from t4
),
t6 as materialized (
  select t5.*,
    case when terminated then x_sign + (1 + r20 * 4) * ${D} end as x_terminate,
    case when not terminated then x_sign + ${H} + power(r21, 1.5) * resolve_days * 1.5 * ${D} end as x_resolve1
  from t5
),
t7 as materialized (
  select t6.*,
    case when progressed then x_sign + (x_resolve1 - x_sign) * 0.5 end as x_progress,
    case when reopened then x_resolve1 + (0.5 + r23 * 2.5) * ${D} end as x_reopen
  from t6
),
t8 as materialized (
  select t7.*, x_reopen + (1 + r24 * 6) * ${D} as x_resolve2 from t7
),
t9 as materialized (
  select t8.*,
    coalesce(x_resolve2, x_resolve1) + case when no_answer then 7 * ${D} + r26 * ${H} else (0.2 + r26 * 4) * ${D} end as x_visit
  from t8
),
t10 as materialized (
  select t9.*, x_visit + (0.1 + r28 * 2) * ${D} as x_close from t9
),
cut as materialized (
  select t10.*,
    ${cut('x_refuse')} as t_refuse, ${cut('x_accept')} as t_accept, ${cut('x_dispatch')} as t_dispatch,
    ${cut('x_return')} as t_return, ${cut('x_redispatch')} as t_redispatch, ${cut('x_sign')} as t_sign,
    ${cut('x_terminate')} as t_terminate, ${cut('x_progress')} as t_progress, ${cut('x_resolve1')} as t_resolve1,
    ${cut('x_reopen')} as t_reopen, ${cut('x_resolve2')} as t_resolve2, ${cut('x_visit')} as t_visit,
    ${cut('x_close')} as t_close
  from t10
),
numbered as materialized (
  select cut.*, cb.category_id, cb.type, cb.radius, cb.county, cb.unit_id, cb.unit_name, cb.alt_unit_id,
    cb.alt_unit_name, cb.handler_id, cb.handler_name, cb.alt_handler_id, cb.alt_handler_name, cb.samples,
    cb.lat0, cb.lng0, cb.dispatcher_id, cb.dispatcher_name, cb.county_name,
    case when r5 < 0.6 and cardinality(cb.towns) > 0 then cb.towns[1 + floor(r6 * cardinality(cb.towns))::int] else cb.county end as region_code,
    (created_at at time zone 'Asia/Shanghai')::date as local_day
  from cut join combo cb on cb.i = cut.ci
)
select n.*,
  ${uuid7('n.created_at', `'${o.seed}:' || n.g`)} as id,
  row_number() over (partition by n.region_code, n.local_day order by n.g) as day_seq,
  case
    when t_close is not null then 'closed'
    when t_visit is not null then 'visited'
    when t_resolve2 is not null then 'resolved'
    when t_reopen is not null then 'handling'
    when t_resolve1 is not null then 'resolved'
    when t_terminate is not null then 'terminated'
    when t_sign is not null then 'handling'
    when t_redispatch is not null then 'dispatched'
    when t_return is not null then 'returned'
    when t_dispatch is not null then 'dispatched'
    when t_accept is not null then 'accepted'
    when t_refuse is not null then 'refused'
    else 'submitted'
  end as state,
  1 + (t_refuse is not null)::int + (t_accept is not null)::int + (t_dispatch is not null)::int
    + (t_return is not null)::int + (t_redispatch is not null)::int + (t_sign is not null)::int
    + (t_terminate is not null)::int + (t_progress is not null)::int + (t_resolve1 is not null)::int
    + (t_reopen is not null)::int + (t_resolve2 is not null)::int + (t_visit is not null)::int
    + (t_close is not null)::int as version
from numbered n`;
}

const STATEMENTS = {
  seq: `insert into appeal_case_seq (region_code, day, last)
    select region_code, local_day, max(day_seq) from gen_case group by 1, 2
    on conflict (region_code, day) do update set last = appeal_case_seq.last + excluded.last`,
  // The offset of each (region, day) counter before this batch: read before the upsert above.
  offsets: `create temp table gen_offset on commit drop as
    select s.region_code, s.day, s.last from appeal_case_seq s
     where (s.region_code, s.day) in (select distinct region_code, local_day from gen_case)`,
  appeal: `insert into appeal (id, case_no, type, category_id, urgency, channel, state, version,
      reporter_user_id, created_by, anonymous, contact_name, description, privacy, region_code, lat, lng,
      address, lead_unit_id, dispatched_at, sign_due_at, due_at, dispatch_due_at, resolved_at, closed_at,
      reply, reopen_count, created_at, updated_at)
    select c.id,
      'SQ-' || c.region_code || '-' || to_char(c.local_day, 'YYYYMMDD') || '-' || lpad((coalesce(o.last, 0) + c.day_seq)::text, 4, '0'),
      c.type, c.category_id, c.urgency,
      c.channel,
      c.state, c.version,
      case when c.by_worker then c.worker_id end,
      case when c.by_worker then c.worker_id else c.dispatcher_id end,
      c.by_worker and c.r30 < 0.05,
      case when not c.by_worker then (array['王先生','李女士','张师傅','刘先生','陈女士','杨师傅'])[1 + floor(c.r31 * 6)::int] end,
      c.samples[1 + floor(c.r37 * cardinality(c.samples))::int],
      case when c.r38 < 0.4 then 'public' else 'private' end,
      c.region_code,
      case when c.r32 < 0.9 then c.lat0 + (${RADIUS_M} * power(c.r33, 0.75) * cos(2 * pi() * c.r34)) / 111320.0 end,
      case when c.r32 < 0.9 then c.lng0 + (${RADIUS_M} * power(c.r33, 0.75) * sin(2 * pi() * c.r34)) / (111320.0 * cos(radians(c.lat0))) end,
      case when c.r32 < 0.9 then '乐山市' || c.county_name || (array['嘉州大道','滨江路','人民南路','东大街','白燕路','沫若大道','凤凰路','铜河路'])[1 + floor(c.r35 * 8)::int] || (1 + floor(c.r36 * 300))::int || '号附近' end,
      case when c.t_redispatch is not null then c.alt_unit_id when c.t_dispatch is not null then c.unit_id end,
      c.t_dispatch,
      coalesce(c.t_redispatch, c.t_dispatch) + interval '2 hours',
      case when c.t_reopen is not null then c.t_reopen else c.t_dispatch end + c.resolve_days * interval '1 day' * 1.4,
      c.created_at + c.dispatch_hours * interval '1 hour',
      case when c.state in ('resolved', 'visited', 'closed') then coalesce(c.t_resolve2, c.t_resolve1) end,
      coalesce(c.t_close, c.t_refuse, c.t_terminate),
      case when c.t_resolve1 is not null then '经核实，已协调相关单位处理，问题已解决。感谢您的反映。' end,
      (c.t_reopen is not null)::int,
      c.created_at,
      greatest(c.created_at, c.t_refuse, c.t_accept, c.t_dispatch, c.t_close, c.t_visit, c.t_resolve2, c.t_reopen, c.t_resolve1, c.t_progress,
               c.t_terminate, c.t_sign, c.t_redispatch, c.t_return)
    from gen_case c
    left join gen_offset o on o.region_code = c.region_code and o.day = c.local_day
    where c.created_at is not null`,
  assignment: `insert into appeal_assignment (id, appeal_id, unit_id, role, dispatched_at, signed_at, returned_at,
      return_reason, not_our_duty, ended_at)
    select ${uuid7('c.t_dispatch', "c.id::text || 'a1'")}, c.id, c.unit_id, 'lead', c.t_dispatch,
      case when c.t_return is null then c.t_sign end, c.t_return,
      case when c.t_return is not null then '不属于本单位职责范围，建议改派' end,
      c.t_return is not null, coalesce(c.t_return, c.t_terminate)
    from gen_case c where c.t_dispatch is not null
    union all
    select ${uuid7('c.t_redispatch', "c.id::text || 'a2'")}, c.id, c.alt_unit_id, 'lead', c.t_redispatch, c.t_sign, null, null, false, c.t_terminate
    from gen_case c where c.t_redispatch is not null`,
  event: `insert into appeal_event (id, appeal_id, at, actor_id, actor_name, action, from_state, to_state, note, data, public)
    select ${uuid7('e.at', 'c.id::text || e.action || e.at::text')}, c.id, e.at, e.actor_id, e.actor_name, e.action, e.from_state, e.to_state, e.note, e.data, e.public
    from gen_case c
    cross join lateral (values
      (c.created_at, case when c.by_worker then c.worker_id else c.dispatcher_id end, case when c.by_worker then null else c.dispatcher_name end,
        'submit', null, 'submitted', null, jsonb_build_object('channel', c.channel), true),
      (c.t_refuse, c.dispatcher_id, c.dispatcher_name, 'refuse', 'submitted', 'refused', '不属于受理范围', null::jsonb, true),
      (c.t_accept, c.dispatcher_id, c.dispatcher_name, 'accept', 'submitted', 'accepted', null, null, true),
      (c.t_dispatch, c.dispatcher_id, c.dispatcher_name, 'dispatch', case when c.t_accept is not null then 'accepted' else 'submitted' end, 'dispatched', null,
        jsonb_build_object('unitId', c.unit_id, 'coUnitIds', '[]'::jsonb), true),
      (c.t_return, c.handler_id, c.handler_name, 'return', 'dispatched', 'returned', '不属于本单位职责范围，建议改派', jsonb_build_object('notOurDuty', true), false),
      (c.t_redispatch, c.dispatcher_id, c.dispatcher_name, 'redispatch', 'returned', 'dispatched', null,
        jsonb_build_object('unitId', c.alt_unit_id, 'coUnitIds', '[]'::jsonb), true),
      (c.t_sign, case when c.t_redispatch is not null then c.alt_handler_id else c.handler_id end,
        case when c.t_redispatch is not null then c.alt_handler_name else c.handler_name end, 'sign', 'dispatched', 'handling', null, null, true),
      (c.t_terminate, c.dispatcher_id, c.dispatcher_name, 'terminate', 'handling', 'terminated', '诉求人撤回', null, true),
      (c.t_progress, c.handler_id, c.handler_name, 'progress', 'handling', 'handling', '已联系诉求人，正在协调处理', jsonb_build_object('stageFeedback', true), true),
      (c.t_resolve1, c.handler_id, c.handler_name, 'resolve', 'handling', 'resolved', '经核实，已协调相关单位处理，问题已解决。感谢您的反映。', null, true),
      (c.t_reopen, c.worker_id, null, 'visit', 'resolved', 'handling', '问题没有解决', jsonb_build_object('satisfaction', 'unsatisfied', 'channel', 'phone'), true),
      (c.t_resolve2, c.handler_id, c.handler_name, 'resolve', 'handling', 'resolved', '已重新处理，问题已解决。', null, true),
      (c.t_visit, case when c.no_answer then null else c.dispatcher_id end, case when c.no_answer then null else c.dispatcher_name end,
        case when c.no_answer then 'noAnswer' else 'visit' end, 'resolved', 'visited', null,
        jsonb_build_object('satisfaction', case when c.no_answer then 'no_answer' when c.r27 < 0.8 then 'satisfied' else 'basically_satisfied' end,
          'channel', case when c.no_answer then 'rule' else 'phone' end), true),
      (c.t_close, c.dispatcher_id, c.dispatcher_name, 'close', 'visited', 'closed', null, null, true)
    ) as e(at, actor_id, actor_name, action, from_state, to_state, note, data, public)
    where e.at is not null`,
  visit: `insert into appeal_visit (id, appeal_id, at, satisfaction, comment, channel, by_user_id, by_name)
    select ${uuid7('c.t_reopen', "c.id::text || 'v1'")}, c.id, c.t_reopen, 'unsatisfied', '问题没有解决', 'phone', c.dispatcher_id, c.dispatcher_name
      from gen_case c where c.t_reopen is not null
    union all
    select ${uuid7('c.t_visit', "c.id::text || 'v2'")}, c.id, c.t_visit,
      case when c.no_answer then 'no_answer' when c.r27 < 0.8 then 'satisfied' else 'basically_satisfied' end,
      null, case when c.no_answer then 'rule' else 'phone' end,
      case when c.no_answer then null else c.dispatcher_id end, case when c.no_answer then null else c.dispatcher_name end
      from gen_case c where c.t_visit is not null`,
} as const;

/** Fills the database; see the top of this file. */
export async function generateAppeals(db: Db, opts: GenerateAppealsOptions): Promise<GenerateAppealsResult> {
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
  const [existing] = await rows(db, sql`select count(*)::bigint as n from appeal`);
  const have = Number(existing?.n ?? 0);
  if (have > REFUSE_ABOVE && !opts.append)
    throw new AppError(
      'common.conflict',
      `The database already holds ${have} appeals; generating again would double them. Use --append to add ${opts.count} more.`,
    );
  const ref = await loadReference(db, regions);
  const now = opts.now ?? new Date();
  // Local midnight (Asia/Shanghai, UTC+8) 365 days ago.
  const dayZero = new Date(`${shanghaiDate(new Date(now.getTime() - 365 * 86_400_000))}T00:00:00+08:00`);
  const seed = opts.seed ?? 1;
  const batch = opts.batchSize ?? 20_000;
  // Appending continues the numbering so the random slots differ from the first run.
  const first = have;
  const total = opts.count;
  const out: GenerateAppealsResult = { cases: 0, events: 0, assignments: 0, visits: 0, ms: 0 };
  // The rows reference what they were generated from, so the foreign-key triggers can be skipped
  // for the bulk load where the role may (superuser); otherwise they run as usual.
  const [role] = await rows(db, sql`select rolsuper as su from pg_roles where rolname = current_user`);
  const replica = role?.su === true;
  const count = (r: unknown) =>
    Number(
      (r as { rowCount?: number; affectedRows?: number }).rowCount ??
        (r as { affectedRows?: number }).affectedRows ??
        0,
    );
  for (let lo = first; lo < first + total; lo += batch) {
    const hi = Math.min(first + total, lo + batch) - 1;
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local work_mem = '64MB'`));
      if (replica) await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(sql.raw(caseTableSql(ref, { lo, hi, total, first, seed, now, dayZero })));
      await tx.execute(sql.raw(STATEMENTS.offsets));
      await tx.execute(sql.raw(STATEMENTS.seq));
      out.cases += count(await tx.execute(sql.raw(STATEMENTS.appeal)));
      out.assignments += count(await tx.execute(sql.raw(STATEMENTS.assignment)));
      out.events += count(await tx.execute(sql.raw(STATEMENTS.event)));
      out.visits += count(await tx.execute(sql.raw(STATEMENTS.visit)));
      await refreshFactsOf(tx, sql`select id from gen_case where created_at is not null`);
    });
    opts.onProgress?.(hi - first + 1, total);
  }
  await db.execute(sql.raw('analyze appeal, appeal_assignment, appeal_event, appeal_visit, appeal_fact'));
  for (const r of regions) await refreshCube(db, r, '2000-01-01', '2100-01-01');
  out.ms = Date.now() - started;
  return out;
}

/** A progress bar on stderr: percentage, cases per second and the time left. */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  const t0 = Date.now();
  let lastLine = -1;
  const fmt = (s: number) =>
    s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
  return (done, total) => {
    const secs = Math.max(0.001, (Date.now() - t0) / 1000);
    const rate = done / secs;
    const frac = done / total;
    const width = 30;
    const filled = Math.round(frac * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1).padStart(5)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} cases  ${Math.round(rate).toLocaleString('en-US')} cases/s  ETA ${fmt((total - done) / Math.max(rate, 1e-9))}`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (done >= total) stream.write('\n');
    } else {
      // Not a terminal: a line every 10 %.
      const tenth = Math.floor(frac * 10);
      if (tenth !== lastLine || done >= total) stream.write(`${line}\n`);
      lastLine = tenth;
    }
  };
}
