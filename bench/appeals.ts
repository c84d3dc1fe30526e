/**
 * `npm run bench:appeals` — the appeals workload on PostgreSQL with a generated year of cases.
 * See docs/benchmarks.md ("Appeals at scale").
 *
 *   npm run bench:appeals                          1,000,000 generated cases (takes a while)
 *   npm run bench:appeals -- --count 100000        a quicker run
 *   npm run bench:appeals -- --duration 20         seconds per measured route (default 10)
 *   npm run bench:appeals -- --connections 4       concurrent clients of the read routes (default 2)
 *   npm run bench:appeals -- --reuse <database> --data-dir <dir>
 *                                                  an existing database already generated into, with
 *                                                  the data directory (master secret) it was made with
 *                                                  (neither is removed; skips the seed and generator)
 *   npm run bench:appeals -- --keep                keep the fresh database afterwards
 *
 * Steps: a fresh database, the demo data and `nuanxin generate appeals --count N`, then the real
 * server and timed loops of real HTTP requests: workbench queue pages (dispatcher, unit handler),
 * case pages, the district-year metrics, the nearby-duplicate check, and filing through the API
 * against plain SQL writing the same rows, one case per transaction from as many clients (and, for
 * information, multi-row inserts of 500 cases per statement). Prints a table and writes
 * bench/results/<timestamp>-appeals.json. A measurement, not a test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import {
  type BenchRow,
  type Child,
  cli,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  type LoopResult,
  load,
  parseOptions,
  percentile,
  pick,
  pointNear,
  printTable,
  serverEnv,
  startServer,
  stopChild,
  tempDataDir,
  timedLoop,
  token,
  writeResults,
} from './lib.ts';

const PHONES = { dispatcher: '13800000006', handler: '13800000009', swqAdmin: '13800000002' };
const CENTRES = [
  { region: '511102', lat: 29.5521, lng: 103.7656 },
  { region: '511111', lat: 29.4124, lng: 103.5494 },
];
const TARGETS = { queue: 50, case: 30, metrics: 300, nearby: 20, filingRatio: 0.5 };

const parseArgs = (argv: string[]) =>
  parseOptions(
    argv,
    {
      count: 1_000_000,
      duration: 10,
      connections: 2,
      filingConnections: 10,
      reuse: '',
      dataDir: '',
      keep: false,
    },
    'npm run bench:appeals -- [--count N] [--duration S] [--connections N] [--filing-connections N] [--reuse DB --data-dir DIR] [--keep]',
    ['count', 'connections', 'filingConnections'],
  );

/** A point within ~15 km of a district centre, more of them near the centre. */
const point = () => pointNear(CENTRES, 15_000, 0.75);
/** A UUIDv7 (time-ordered, like the application's ids). */
function uuid7(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0') + crypto.randomBytes(10).toString('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `clients` workers, each with its own connection, run `work` in a loop for `seconds`. */
async function sqlLoop(
  seconds: number,
  clients: number,
  pool: pg.Pool,
  work: (c: pg.PoolClient) => Promise<void>,
): Promise<{ count: number; perSecond: number; p95: number }> {
  const lat: number[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = await pool.connect();
      try {
        while (performance.now() < end) {
          const s = performance.now();
          await work(c);
          lat.push(performance.now() - s);
        }
      } finally {
        c.release();
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { count: lat.length, perSecond: lat.length / secs, p95: percentile(lat, 95) };
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  if (o.reuse && !o.dataDir) throw new Error('--reuse needs --data-dir (the master secret of that database)');
  const dataDir = o.dataDir || tempDataDir();
  let dbName = o.reuse;
  let server: Child | undefined;
  let generatorSeconds: number | null = null;
  const fresh = !o.reuse;
  const cleanup = async () => {
    await stopChild(server);
    if (fresh && dbName && !o.keep) await dropDatabase(dbName).catch(() => {});
    if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    if (fresh) dbName = await createDatabase();
    const port = await freePort();
    const env = serverEnv(databaseUrl(dbName), port, dataDir);
    console.log(`Database ${dbName}${fresh ? ' (fresh)' : ' (reused)'}; load ${load().join(' ')}`);
    if (fresh) {
      console.log('Loading the demo data…');
      cli(['seed', 'demo'], env);
      console.log(`Generating ${o.count.toLocaleString('en-US')} appeals…`);
      const t = performance.now();
      console.log(cli(['generate', 'appeals', '--count', String(o.count)], env, true).trim());
      generatorSeconds = (performance.now() - t) / 1000;
    }
    const sqlPool = new pg.Pool({ connectionString: databaseUrl(dbName), max: 4 });
    const cases = Number((await sqlPool.query('select count(*)::int as n from appeal')).rows[0]?.n ?? 0);
    const s = await startServer(env);
    server = s.child;
    const base = s.base;
    const auth = {
      dispatcher: token(PHONES.dispatcher, env),
      handler: token(PHONES.handler, env),
      swqAdmin: token(PHONES.swqAdmin, env),
    };
    const get = (url: string, headers: Record<string, string>) => ({
      url: `${base}${url}`,
      init: { headers },
    });
    const json = async (url: string, headers: Record<string, string>) => {
      const r = await fetch(`${base}${url}`, { headers });
      if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
      return r.json() as Promise<Record<string, unknown>>;
    };
    const categories = (await json('/api/v1/appeal-categories', auth.dispatcher)) as unknown as
      | { id: string; parentId: string | null }[]
      | { items: { id: string; parentId: string | null }[] };
    const cats = (Array.isArray(categories) ? categories : categories.items).filter((c) => c.parentId);
    const ids = (
      await sqlPool.query(
        `select id from appeal tablesample system (1) where region_code like '511102%' limit 5000`,
      )
    ).rows.map((r: { id: string }) => r.id);
    const pages = async (headers: Record<string, string>) => {
      const first = await json('/api/v1/appeals?queue=handling&page=1&pageSize=20', headers);
      return Math.max(1, Math.min(50, Math.ceil(Number(first.total) / 20)));
    };
    const dispatcherPages = await pages(auth.dispatcher);
    const handlerPages = await pages(auth.handler);
    console.log(
      `${cases.toLocaleString('en-US')} cases; ${cats.length} categories; handling queue pages: dispatcher ${dispatcherPages}, unit handler ${handlerPages}.`,
    );

    const rows: BenchRow[] = [];
    const add = (measure: string, r: LoopResult, targetMs: number, note?: string) => {
      rows.push({
        measure,
        requests: r.requests,
        perSecond: r.perSecond,
        p50: r.p50,
        p95: r.p95,
        target: `p95 ≤ ${targetMs} ms`,
        met: r.p95 <= targetMs && r.failures === 0,
        note: r.failures ? `${r.failures} failed: ${JSON.stringify(r.statuses)}` : note,
      });
      console.log(
        `  ${measure}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s${r.failures ? ` (${r.failures} failed ${JSON.stringify(r.statuses)})` : ''}`,
      );
    };
    const warm = async (fn: () => { url: string; init?: RequestInit }) => timedLoop(2, o.connections, fn);
    const loop = (fn: () => { url: string; init?: RequestInit }) => timedLoop(o.duration, o.connections, fn);

    console.log(`\n${o.connections} clients, ${o.duration} s per route; load ${load().join(' ')}`);
    const qd = () =>
      get(
        `/api/v1/appeals?queue=handling&page=${1 + Math.floor(Math.random() * dispatcherPages)}&pageSize=20`,
        auth.dispatcher,
      );
    await warm(qd);
    add('queue page, dispatcher', await loop(qd), TARGETS.queue);
    const qh = () =>
      get(
        `/api/v1/appeals?queue=handling&page=${1 + Math.floor(Math.random() * handlerPages)}&pageSize=20`,
        auth.handler,
      );
    await warm(qh);
    add('queue page, unit handler', await loop(qh), TARGETS.queue);
    const cp = () => get(`/api/v1/appeals/${pick(ids)}`, auth.dispatcher);
    await warm(cp);
    add('case page', await loop(cp), TARGETS.case);
    const nb = () => {
      const p = point();
      return get(
        `/api/v1/appeals/nearby?categoryId=${pick(cats).id}&lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}`,
        auth.dispatcher,
      );
    };
    await warm(nb);
    add('nearby check', await loop(nb), TARGETS.nearby);

    // District-year metrics: sequential, the first run cold.
    const to = shanghaiDay(new Date());
    const from = shanghaiDay(new Date(Date.now() - 364 * 86_400_000));
    const mt: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await json(`/api/v1/appeals/metrics?from=${from}&to=${to}&regionCode=511111`, auth.swqAdmin);
      mt.push(performance.now() - t);
    }
    const sortedMt = [...mt].sort((a, b) => a - b);
    rows.push({
      measure: 'district-year metrics (511111)',
      requests: mt.length,
      perSecond: 1000 / percentile(sortedMt, 50),
      p50: percentile(sortedMt, 50),
      p95: Math.max(...mt),
      target: `≤ ${TARGETS.metrics} ms`,
      met: Math.max(...mt.slice(1)) <= TARGETS.metrics,
      note: `runs ${mt.map((x) => x.toFixed(0)).join(', ')} ms (first cold); p95 column = slowest`,
    });
    console.log(`  metrics: ${mt.map((x) => x.toFixed(0)).join(', ')} ms`);

    // Filing through the API: unique Idempotency-Keys, staff intake by the 市中区 dispatcher.
    const filingBody = () => {
      const p = point();
      return JSON.stringify({
        type: 'help',
        categoryId: pick(cats).id,
        urgency: 'normal',
        description: '商圈门口没有电动车停放点，送餐时停车被贴条，希望设置骑手专属停放区。',
        regionCode: '511102',
        privacy: 'private',
        channel: 'hotline',
        callerName: '王先生',
        location: { lat: p.lat, lng: p.lng, crs: 'wgs84', address: '乐山市市中区嘉州大道' },
      });
    };
    const file = () => ({
      url: `${base}/api/v1/appeals`,
      init: {
        method: 'POST',
        headers: {
          ...auth.dispatcher,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: filingBody(),
      },
    });
    await timedLoop(2, o.filingConnections, file);
    console.log(`\nFiling: ${o.filingConnections} clients, ${o.duration} s; load ${load().join(' ')}`);
    const api = await timedLoop(o.duration, o.filingConnections, file, (st) => st === 201);
    console.log(`  API: ${api.perSecond.toFixed(0)} cases/s, p95 ${api.p95.toFixed(1)} ms`);

    // The same rows by plain SQL from Node (docs/benchmarks.md, "Filing baseline"): per case what
    // the API writes for one filing (the counter, the case, its submit event, its metric facts and
    // cube mark, the audit row, the outbox row), the counter in a statement of its own and the
    // rest in one transaction, from as many clients as the API side, for as long.
    const dispatcher = (
      await sqlPool.query(
        `select u.id, u.name from app_user u join role_grant g on g.user_id = u.id where g.role = 'dispatcher' and g.region_code = '511102' limit 1`,
      )
    ).rows[0] as { id: string; name: string };
    const dispatcherId = dispatcher.id;
    const description = '商圈门口没有电动车停放点，送餐时停车被贴条，希望设置骑手专属停放区。';
    const sqlClients = new pg.Pool({ connectionString: databaseUrl(dbName), max: o.filingConnections });
    const perCase = await sqlLoop(o.duration, o.filingConnections, sqlClients, async (c) => {
      const at = new Date();
      const day = shanghaiDay(at);
      const seq = await c.query(
        `insert into appeal_case_seq (region_code, day, last) values ('511102', $1, 1)
         on conflict (region_code, day) do update set last = appeal_case_seq.last + 1 returning last`,
        [day],
      );
      const caseNo = `SQ-511102-${day.replaceAll('-', '')}-${String(seq.rows[0].last).padStart(4, '0')}`;
      const id = uuid7(at);
      const p = point();
      const categoryId = pick(cats).id;
      const dueAt = new Date(at.getTime() + 24 * 3_600_000);
      await c.query('begin');
      await c.query(
        `insert into appeal (id, case_no, type, category_id, urgency, channel, state, version, created_by, anonymous,
           caller_name, description, privacy, region_code, lat, lng, address, idempotency_key, dispatch_due_at,
           reopen_count, created_at, updated_at)
         values ($1, $2, 'help', $3, 'normal', 'hotline', 'submitted', 1, $4, false, '王先生', $5, 'private', '511102',
           $6, $7, '乐山市市中区嘉州大道', $8, $9, 0, $10, $10)`,
        [id, caseNo, categoryId, dispatcherId, description, p.lat, p.lng, crypto.randomUUID(), dueAt, at],
      );
      await c.query(
        `insert into appeal_event (id, appeal_id, at, actor_id, actor_name, action, to_state, data, public)
         values ($1, $2, $3, $4, $5, 'submit', 'submitted', '{"channel":"hotline"}', true)`,
        [uuid7(at), id, at, dispatcherId, dispatcher.name],
      );
      await c.query(
        `with f as (insert into appeal_fact (appeal_id, created_at, region_code, category_id, channel, state, dispatch_due_at)
           values ($1, $2, '511102', $3, 'hotline', 'submitted', $4) returning created_at)
         insert into appeal_metric_cube_dirty (county, day) values ('511102', $5)`,
        [id, at, categoryId, dueAt, day],
      );
      await c.query(
        `insert into audit_log (id, actor_id, actor_name, actor_role, action, outcome, entity_type, entity_id, summary, request_id, ip)
         values ($1, $2, $3, 'dispatcher', 'appeal.create', 'success', 'appeal', $4, $5, $6, '127.0.0.1')`,
        [
          uuid7(at),
          dispatcherId,
          dispatcher.name,
          id,
          JSON.stringify({ after: { caseNo, type: 'help', channel: 'hotline', regionCode: '511102' } }),
          crypto.randomUUID(),
        ],
      );
      await c.query(
        `insert into outbox_event (id, type, payload, actor_id) values ($1, 'appeal.submitted', $2, $3)`,
        [
          uuid7(at),
          JSON.stringify({
            appealId: id,
            caseNo,
            from: null,
            to: 'submitted',
            regionCode: '511102',
            leadUnitId: null,
            reporterUserId: null,
          }),
          dispatcherId,
        ],
      );
      await c.query('commit');
    });
    // For information, the strictest plain SQL: the same rows, counter included, as the common-table
    // expressions of ONE statement per case (what the API's own write does since 2026-11-29, minus
    // the read), so the API's fewer round trips are not counted as its own merit.
    const oneStatement = await sqlLoop(o.duration, o.filingConnections, sqlClients, async (c) => {
      const at = new Date();
      const day = shanghaiDay(at);
      const id = uuid7(at);
      const p = point();
      const categoryId = pick(cats).id;
      await c.query(
        `with s as (
           insert into appeal_case_seq (region_code, day, last) values ('511102', $1, 1)
           on conflict (region_code, day) do update set last = appeal_case_seq.last + 1 returning last),
         a as (
           insert into appeal (id, case_no, type, category_id, urgency, channel, state, version, created_by, anonymous,
             caller_name, description, privacy, region_code, lat, lng, address, idempotency_key, dispatch_due_at,
             reopen_count, created_at, updated_at)
           select $2, 'SQ-511102-' || $3 || '-' || lpad(s.last::text, greatest(4, length(s.last::text)), '0'), 'help', $4, 'normal', 'hotline',
             'submitted', 1, $5, false, '王先生', $6, 'private', '511102', $7, $8, '乐山市市中区嘉州大道', $9, $10, 0, $11, $11
           from s returning case_no),
         e as (
           insert into appeal_event (id, appeal_id, at, actor_id, actor_name, action, to_state, data, public)
           values ($12, $2, $11, $5, $13, 'submit', 'submitted', '{"channel":"hotline"}', true)),
         f as (
           insert into appeal_fact (appeal_id, created_at, region_code, category_id, channel, state, dispatch_due_at)
           values ($2, $11, '511102', $4, 'hotline', 'submitted', $10)),
         d as (insert into appeal_metric_cube_dirty (county, day) values ('511102', $1)),
         l as (
           insert into audit_log (id, actor_id, actor_name, actor_role, action, outcome, entity_type, entity_id, summary, request_id, ip)
           select $14, $5, $13, 'dispatcher', 'appeal.create', 'success', 'appeal', $2,
             jsonb_build_object('after', jsonb_build_object('caseNo', a.case_no, 'type', 'help', 'channel', 'hotline', 'regionCode', '511102')),
             $15, '127.0.0.1' from a),
         o as (
           insert into outbox_event (id, type, payload, actor_id)
           select $16, 'appeal.submitted', jsonb_build_object('appealId', $2::uuid, 'caseNo', a.case_no, 'from', null,
             'to', 'submitted', 'regionCode', '511102', 'leadUnitId', null, 'reporterUserId', null), $5 from a)
         select 1`,
        [
          day,
          id,
          day.replaceAll('-', ''),
          categoryId,
          dispatcherId,
          description,
          p.lat,
          p.lng,
          crypto.randomUUID(),
          new Date(at.getTime() + 24 * 3_600_000),
          at,
          uuid7(at),
          dispatcher.name,
          uuid7(at),
          crypto.randomUUID(),
          uuid7(at),
        ],
      );
    });
    await sqlClients.end();
    const sqlRate = perCase.perSecond;
    const ratio = api.perSecond / sqlRate;
    const oneRate = oneStatement.perSecond;
    const oneRatio = api.perSecond / oneRate;
    console.log(
      `  plain SQL, one case per transaction: ${sqlRate.toFixed(0)} cases/s (${perCase.count} cases, ${o.filingConnections} clients, p95 ${perCase.p95.toFixed(1)} ms); ratio API / SQL ${ratio.toFixed(3)}`,
    );
    console.log(
      `  plain SQL, one statement per case (for information): ${oneRate.toFixed(0)} cases/s (${oneStatement.count} cases, p95 ${oneStatement.p95.toFixed(1)} ms); ratio API / that ${oneRatio.toFixed(3)}`,
    );

    // For information: multi-row statements of 500 cases per transaction (case, counter, event).
    const n = 5_000;
    const batch = 500;
    const sqlStart = performance.now();
    const client = await sqlPool.connect();
    const dayTag = shanghaiDay(new Date()).replaceAll('-', '');
    for (let lo = 0; lo < n; lo += batch) {
      const size = Math.min(batch, n - lo);
      await client.query('begin');
      const seq = await client.query(
        `insert into appeal_case_seq (region_code, day, last) values ('511102', current_date, $1)
         on conflict (region_code, day) do update set last = appeal_case_seq.last + $1 returning last`,
        [size],
      );
      const last = Number(seq.rows[0].last);
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < size; i++) {
        const p = point();
        const b = values.length;
        values.push(
          crypto.randomUUID(),
          `SQ-511102-${dayTag}-P${last - size + i + 1}`,
          pick(cats).id,
          dispatcherId,
          description,
          p.lat,
          p.lng,
          crypto.randomUUID(),
        );
        tuples.push(
          `($${b + 1}::uuid, $${b + 2}, 'help', $${b + 3}::uuid, 'normal', 'hotline', 'submitted', $${b + 4}::uuid, $${b + 5}, 'private', '511102', $${b + 6}, $${b + 7}, '乐山市市中区嘉州大道', $${b + 8}, now() + interval '24 hours', '王先生')`,
        );
      }
      await client.query(
        `insert into appeal (id, case_no, type, category_id, urgency, channel, state, created_by, description, privacy,
           region_code, lat, lng, address, idempotency_key, dispatch_due_at, caller_name) values ${tuples.join(',')}`,
        values,
      );
      const ev: string[] = [];
      const evValues: unknown[] = [];
      for (let i = 0; i < size; i++) {
        const b = evValues.length;
        evValues.push(crypto.randomUUID(), values[i * 8], dispatcherId);
        ev.push(
          `($${b + 1}::uuid, $${b + 2}::uuid, now(), $${b + 3}::uuid, 'submit', 'submitted', '{"channel":"hotline"}'::jsonb, true)`,
        );
      }
      await client.query(
        `insert into appeal_event (id, appeal_id, at, actor_id, action, to_state, data, public) values ${ev.join(',')}`,
        evValues,
      );
      await client.query('commit');
    }
    client.release();
    const multiRate = n / ((performance.now() - sqlStart) / 1000);
    console.log(
      `  plain SQL, 500 cases per multi-row statement (case, counter, event only; for information): ${multiRate.toFixed(0)} cases/s`,
    );
    rows.push({
      measure: 'filing through the API',
      requests: api.requests,
      perSecond: api.perSecond,
      p50: api.p50,
      p95: api.p95,
      target: `≥ ${TARGETS.filingRatio * 100}% of SQL`,
      met: ratio >= TARGETS.filingRatio && api.failures === 0,
      note: `plain SQL ${sqlRate.toFixed(0)} cases/s (one case per transaction); ratio ${ratio.toFixed(3)}; one statement per case ${oneRate.toFixed(0)} cases/s (ratio ${oneRatio.toFixed(3)}); multi-row ${multiRate.toFixed(0)} cases/s${api.failures ? `; ${api.failures} not 201: ${JSON.stringify(api.statuses)}` : ''}`,
    });
    await sqlPool.end();

    const loadAfter = load();
    console.log(
      `\nPostgreSQL, ${cases.toLocaleString('en-US')} cases, load average ${loadAfter.join(' ')}:\n`,
    );
    printTable(rows);

    const out = writeResults(startedAt, 'appeals', {
      engine: 'postgres',
      cases,
      generatorSeconds,
      durationSeconds: o.duration,
      connections: o.connections,
      filingConnections: o.filingConnections,
      loadAverage: loadAfter,
      rows,
      filing: {
        apiPerSecond: api.perSecond,
        sqlPerSecond: sqlRate,
        ratio,
        sqlOneStatementPerSecond: oneRate,
        ratioOneStatement: oneRatio,
        sqlMultiRowPerSecond: multiRate,
      },
    });
    console.log(`\nResults written to ${out}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
