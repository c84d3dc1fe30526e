/**
 * `npx tsx bench/appeals-crash.ts`: reliability checks of the appeals API on PostgreSQL
 * (docs/benchmarks.md, "Reliability"):
 *
 * 1. Crash while filing: 50 clients file appeals with unique Idempotency-Keys (retrying with the
 *    same key after a connection error); the server gets SIGKILL mid-run and is started again; the
 *    clients carry on. Then every case number answered with a 2xx must be in the database, with
 *    the key it was filed under, and no key may have produced two cases.
 * 2. Conflicting transitions: 200 concurrent `accept` requests on one new case, several rounds;
 *    exactly one may answer 200, the others 409.
 *
 *   npx tsx bench/appeals-crash.ts [--clients 50] [--per-client 40] [--kill-after 4] [--rounds 5] [--keep]
 *
 * Exits with 1 when a property does not hold.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import {
  type Child,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  load,
  serverEnv,
  startServer,
  stopChild,
  tempDataDir,
  token,
} from './lib.ts';

function parseArgs(argv: string[]) {
  const o = { clients: 50, perClient: 40, killAfter: 4, rounds: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--clients') o.clients = Math.round(num());
    else if (a === '--per-client') o.perClient = Math.round(num());
    else if (a === '--kill-after') o.killAfter = num();
    else if (a === '--rounds') o.rounds = Math.round(num());
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dataDir = tempDataDir();
  const dbName = await createDatabase();
  let server: Child | undefined;
  let failed = false;
  try {
    const port = await freePort();
    const env = serverEnv(databaseUrl(dbName), port, dataDir);
    console.log(
      `Database ${dbName}; starting the server (migrations and demo data)…; load ${load().join(' ')}`,
    );
    let s = await startServer(env);
    server = s.child;
    const base = s.base;
    const auth = token('13800000006', env); // 市中区 dispatcher: staff intake and accept
    const cats = (
      (await (await fetch(`${base}/api/v1/appeal-categories`, { headers: auth })).json()) as {
        id: string;
        parentId: string | null;
      }[]
    ).filter((c) => c.parentId);
    const body = () =>
      JSON.stringify({
        type: 'help',
        categoryId: cats[Math.floor(Math.random() * cats.length)]!.id,
        urgency: 'normal',
        description: '小区门禁要求登记身份证，每单耽误十分钟，希望推行骑手通行证。',
        regionCode: '511102',
        privacy: 'private',
        channel: 'hotline',
      });

    // ---- 1. SIGKILL while 50 clients file ------------------------------------------------
    const answered = new Map<string, string>(); // idempotency key → case number answered 2xx
    let connectionErrors = 0;
    let non2xx = 0;
    let restarting: Promise<void> | null = null;
    const fileOne = async (key: string, payload: string) => {
      let last = '';
      for (let attempt = 0; attempt < 600; attempt++) {
        try {
          const r = await fetch(`${base}/api/v1/appeals`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
            body: payload,
            signal: AbortSignal.timeout(15_000),
          });
          const text = await r.text();
          const j = (r.ok ? JSON.parse(text) : {}) as { caseNo?: string };
          if (r.ok && j.caseNo) {
            answered.set(key, j.caseNo);
            return;
          }
          // 503 while starting, or the database going away under the request: retry, same key.
          non2xx++;
          last = `HTTP ${r.status} ${text.slice(0, 200)}`;
        } catch (err) {
          connectionErrors++;
          last = String(err);
        }
        if (restarting) await restarting;
        await sleep(100);
      }
      throw new Error(`gave up on ${key}: ${last}`);
    };
    const t0 = Date.now();
    const clients = Array.from({ length: o.clients }, async (_, c) => {
      for (let i = 0; i < o.perClient; i++) await fileOne(`crash-${c}-${i}-${crypto.randomUUID()}`, body());
    });
    const killer = (async () => {
      await sleep(o.killAfter * 1000);
      const before = answered.size;
      console.log(`SIGKILL after ${((Date.now() - t0) / 1000).toFixed(1)} s with ${before} cases answered…`);
      restarting = (async () => {
        await stopChild(server, 'SIGKILL');
        s = await startServer(env);
        server = s.child;
      })();
      await restarting;
      restarting = null;
      console.log(`Restarted after ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
      return before;
    })();
    await Promise.all(clients);
    const answeredBeforeKill = await killer;

    const db = new pg.Client({ connectionString: databaseUrl(dbName) });
    await db.connect();
    const stored = new Map<string, string[]>();
    for (const r of (
      await db.query(
        `select idempotency_key as key, case_no as "caseNo" from appeal where idempotency_key like 'crash-%'`,
      )
    ).rows as { key: string; caseNo: string }[])
      stored.set(r.key, [...(stored.get(r.key) ?? []), r.caseNo]);
    let missing = 0;
    let mismatched = 0;
    for (const [key, caseNo] of answered) {
      const got = stored.get(key);
      if (!got) missing++;
      else if (!got.includes(caseNo)) mismatched++;
    }
    const doubled = [...stored.values()].filter((v) => v.length > 1).length;
    const crashOk =
      missing === 0 && mismatched === 0 && doubled === 0 && answered.size === o.clients * o.perClient;
    console.log(
      `\nCrash while filing: ${o.clients} clients × ${o.perClient}; answered 2xx ${answered.size} (${answeredBeforeKill} before the kill); ` +
        `connection errors ${connectionErrors}, non-2xx ${non2xx}; stored ${stored.size} keys; ` +
        `missing ${missing}, wrong case ${mismatched}, keys with two cases ${doubled} → ${crashOk ? 'OK' : 'FAILED'}`,
    );
    if (!crashOk) failed = true;

    // ---- 2. 200 concurrent conflicting transitions ----------------------------------------
    const results: string[] = [];
    for (let round = 0; round < o.rounds; round++) {
      const r = await fetch(`${base}/api/v1/appeals`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: body(),
      });
      const { id } = (await r.json()) as { id: string };
      const answers = await Promise.all(
        Array.from({ length: 200 }, () =>
          fetch(`${base}/api/v1/appeals/${id}/accept`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: '{}',
          }).then(
            async (x) => {
              await x.arrayBuffer();
              return x.status;
            },
            () => -1,
          ),
        ),
      );
      const count = (st: number) => answers.filter((x) => x === st).length;
      const events = Number(
        (
          await db.query(
            `select count(*)::int as n from appeal_event where appeal_id = $1 and action = 'accept'`,
            [id],
          )
        ).rows[0]?.n,
      );
      const ok = count(200) === 1 && count(409) === 199 && events === 1;
      if (!ok) failed = true;
      results.push(
        `round ${round + 1}: 200 × ${count(200)}, 409 × ${count(409)}, other ${200 - count(200) - count(409)}, accept events ${events} → ${ok ? 'OK' : 'FAILED'}`,
      );
    }
    console.log(`\n200 concurrent accepts on one case:\n  ${results.join('\n  ')}`);
    await db.end();
    console.log(`\nload average ${load().join(' ')}`);
  } finally {
    await stopChild(server);
    if (!o.keep) await dropDatabase(dbName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`\nappeals-crash failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
