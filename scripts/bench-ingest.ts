// npm run bench:ingest — ingestion speed on this machine, against a baseline measured in the same run.
//   1. an empty Next.js route handler (POST /api/ping): the framework's own ceiling;
//   2. single-event signed webhooks (POST /api/webhooks/{id}), 32 connections: ratio to (1), p99;
//   3. WhatsApp webhooks carrying 50 statuses each (25 messages: sent + delivered or read), events/s;
//   4. the batch endpoint (POST /api/v1/events, NDJSON), events/s with state and rollups applied,
//      also divided by the empty route's req/s (a third round of (1) runs right after it): the
//      batch rate in units of this machine's speed, to compare runs across VMs.
// The server runs `next start` on a fresh PostgreSQL database; the load generator is autocannon
// on the same machine (so both cases pay for it equally).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { whatsappRequest } from "../lib/testing/platforms";
import { createPgDatabase } from "../lib/testing/databases";
import { generateScenario } from "../lib/simulator/scenario";
import { groupCpu, postgresCpu } from "./bench/cpu";

const PORT = Number(process.env.BENCH_PORT ?? 3299);
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const WA_SECRET = "bench_whatsapp_app_secret";
const WA_STATUSES = 50;
const TOKEN = "rk_bench_token_000000001";
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
// BENCH_ONLY=empty|webhook|batch runs one case alone (with BENCH_NODE_ARGS, to profile it).
const ONLY = process.env.BENCH_ONLY;

type Result = autocannon.Result;

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main() {
  const db = await createPgDatabase("receipts_bench_");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "receipts-bench-"));
  const provision = path.join(dir, "provision.json");
  fs.writeFileSync(
    provision,
    JSON.stringify({
      workspaces: [
        {
          slug: "bench",
          name: "Bench",
          sources: [
            { id: "bench-gen", platform: "generic", name: "Generic", secret: SECRET },
            { id: "bench-wa", platform: "whatsapp", name: "WhatsApp", secret: WA_SECRET },
          ],
          tokens: [{ name: "bench", token: TOKEN, scopes: ["ingest", "read"] }],
        },
      ],
    }),
  );
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("run `npm run build` first");
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server itself.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    detached: true, // its own process group, so the whole tree stops with it
    stdio: ["ignore", process.env.BENCH_STDOUT ? "inherit" : "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: db.url, PROVISION_FILE: provision, DATA_DIR: dir, NODE_ENV: "production" },
  });
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${BASE}/api/ping`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 120) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    // CPU seconds of the server (its process group), PostgreSQL and this load generator, per case.
    const pgClock = await postgresCpu(db.url);
    const clock = () => {
      const own = process.cpuUsage();
      return { server: groupCpu(server.pid!), postgres: pgClock(), generator: (own.user + own.system) / 1e6 };
    };
    const spent = { empty: zeroCpu(), webhook: zeroCpu(), whatsapp: zeroCpu(), batch: zeroCpu() };
    async function timed<T>(into: Cpu, fn: () => Promise<T>): Promise<T> {
      const before = clock();
      const out = await fn();
      const after = clock();
      for (const k of ["server", "postgres", "generator"] as const) into[k] += after[k] - before[k];
      return out;
    }

    const now = new Date();
    const events = generateScenario({
      seed: 9,
      now,
      days: 3,
      campaigns: 30,
      recipientsPerCampaign: 4000,
      announcements: 20,
      conversations: 500,
    });

    // Warm-up: JIT, connection pool, source cache.
    await run({
      url: `${BASE}/api/ping`,
      method: "POST",
      body: '{"ping":1}',
      headers: { "content-type": "application/json" },
      connections: 8,
      duration: 3,
    });

    // Single-event signed webhooks: every request a new event with its own id and signature,
    // signed ahead of time so the generator's CPU goes to sending, not hashing.
    const wh = new Webhook(SECRET);
    const ts = new Date();
    const signed = events.slice(0, 60_000).map((e, i) => {
      const body = JSON.stringify(e);
      const id = `msg_bench_${i}`;
      return {
        body,
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
          "webhook-signature": wh.sign(id, ts, body),
        },
      };
    });
    let next = 0;
    const webhooks = (duration: number) =>
      run({
        url: `${BASE}/api/webhooks/bench-gen`,
        method: "POST",
        connections: CONNECTIONS,
        duration,
        requests: [{ setupRequest: (req) => ({ ...req, ...signed[next++ % signed.length] }) }],
      });
    // Warm-up of the webhook path too (JIT, the writer's connections and prepared statements), as
    // the ping warm-up above does for the route: both cases are then measured warm.
    if (ONLY !== "empty") await webhooks(3);

    const emptyRound = () =>
      run({
        url: `${BASE}/api/ping`,
        method: "POST",
        body: JSON.stringify(events[0]),
        headers: { "content-type": "application/json" },
        connections: CONNECTIONS,
        duration: DURATION / 2,
      });
    // 1 and 2, interleaved (empty, webhooks, empty, webhooks) so that drift in this shared
    // machine's speed hits both cases alike; each case reports the mean of its two rounds.
    const emptyRuns: Result[] = [];
    const webhookRuns: Result[] = [];
    for (let round = 0; round < (ONLY === "batch" ? 0 : 2); round++) {
      if (ONLY !== "webhook") emptyRuns.push(await timed(spent.empty, () => emptyRound()));
      if (ONLY !== "empty") webhookRuns.push(await timed(spent.webhook, () => webhooks(DURATION / 2)));
    }
    if (ONLY === "empty" || ONLY === "webhook") {
      const r = ONLY === "empty" ? emptyRuns : webhookRuns;
      const cpu = perUnit(spent[ONLY], totalRequests(r));
      return console.log(
        `${ONLY}: ${r.map((x) => Math.round(x.requests.average)).join(" / ")} req/s, p99 ${r.map((x) => x.latency.p99).join(" / ")} ms; CPU µs/request ${JSON.stringify(cpu)}`,
      );
    }
    const mean = (rs: Result[], f: (r: Result) => number) => rs.reduce((n, r) => n + f(r), 0) / rs.length;
    const max = (rs: Result[], f: (r: Result) => number) => Math.max(...rs.map(f));
    const empty = {
      rps: mean(emptyRuns, (r) => r.requests.average),
      p99: max(emptyRuns, (r) => r.latency.p99),
      errors: mean(emptyRuns, (r) => r.non2xx + r.errors),
    };
    const webhook = {
      rps: mean(webhookRuns, (r) => r.requests.average),
      p99: max(webhookRuns, (r) => r.latency.p99),
      errors: webhookRuns.reduce((n, r) => n + r.non2xx + r.errors, 0),
    };
    const webhookEvents = Math.min(next, signed.length);

    // 3. WhatsApp: one POST carries 50 statuses (as the platform bundles them), signed ahead.
    const waTime = Math.floor(Date.now() / 1000);
    const waPosts = Array.from({ length: 20_000 }, (_, i) => {
      const statuses = Array.from({ length: WA_STATUSES / 2 }, (_, k) => {
        const id = `wamid.BENCH${i}_${k}`;
        const to = `1650555${String(k).padStart(4, "0")}`;
        return [
          { id, status: "sent", timestamp: String(waTime - 60), recipient_id: to },
          { id, status: k % 3 ? "delivered" : "read", timestamp: String(waTime), recipient_id: to },
        ];
      }).flat();
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: "bench" }, statuses } }] }],
      });
      const { headers } = whatsappRequest(`${BASE}/api/webhooks/bench-wa`, WA_SECRET, body);
      return { body, headers };
    });
    let waNext = 0;
    const waRun = await timed(spent.whatsapp, () =>
      run({
        url: `${BASE}/api/webhooks/bench-wa`,
        method: "POST",
        connections: CONNECTIONS,
        duration: DURATION / 2,
        requests: [{ setupRequest: (req) => ({ ...req, ...waPosts[waNext++ % waPosts.length] }) }],
      }),
    );
    const whatsapp = {
      rps: Math.round(waRun.requests.average),
      eventsPerSecond: Math.round(waRun.requests.average * WA_STATUSES),
      p99ms: waRun.latency.p99,
      errors: waRun.non2xx + waRun.errors,
    };

    // 4. Batch endpoint: the rest of the scenario as NDJSON, 5,000 events per request.
    const rest = events.slice(webhookEvents);
    const bodies: string[] = [];
    for (let i = 0; i < rest.length; i += 5000)
      bodies.push(
        rest
          .slice(i, i + 5000)
          .map((e) => JSON.stringify(e))
          .join("\n"),
      );
    let b = 0;
    const started = performance.now();
    await timed(spent.batch, () =>
      Promise.all(
        Array.from({ length: 4 }, async () => {
          while (b < bodies.length) {
            const body = bodies[b++];
            const res = await fetch(`${BASE}/api/v1/events`, {
              method: "POST",
              headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
              body,
            });
            const json = (await res.json()) as { errors: unknown[] };
            if (!res.ok || json.errors.length) throw new Error(`batch failed: ${res.status}`);
          }
        }),
      ),
    );
    const batchSeconds = (performance.now() - started) / 1000;
    // The empty route once more, right after the batch: the batch rate divided by the empty
    // route's (all its rounds) compares runs across VMs of different speeds.
    emptyRuns.push(await timed(spent.empty, () => emptyRound()));

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM receipt_events)::int AS events, (SELECT count(*) FROM deliveries)::int AS deliveries, (SELECT sum(sent) FROM delivery_rollups)::int AS rolled_up`,
      )
    ).rows[0];
    await client.end();

    const ratio = webhook.rps / empty.rps;
    const report = {
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      emptyRoute: { rps: Math.round(empty.rps), p99ms: empty.p99, errors: empty.errors },
      webhook: { rps: Math.round(webhook.rps), p99ms: webhook.p99, errors: webhook.errors, ratioToEmpty: Number(ratio.toFixed(2)) },
      whatsapp50: whatsapp,
      batch: {
        events: rest.length,
        seconds: Number(batchSeconds.toFixed(2)),
        eventsPerSecond: Math.round(rest.length / batchSeconds),
        perEmptyRequest: Number((rest.length / batchSeconds / mean(emptyRuns, (r) => r.requests.average)).toFixed(1)),
      },
      stored: counts,
      // CPU per request (per event for the batch) of the server, PostgreSQL and the load generator.
      cpuMicros: {
        emptyPerRequest: perUnit(spent.empty, totalRequests(emptyRuns)),
        webhookPerRequest: perUnit(spent.webhook, totalRequests(webhookRuns)),
        whatsappPerEvent: perUnit(spent.whatsapp, waRun.requests.total * WA_STATUSES),
        batchPerEvent: perUnit(spent.batch, rest.length),
      },
      targets: { webhookRatio: ">= 0.7", webhookP99: "<= 100 ms", batch: ">= 20000 events/s" },
    };
    console.log(JSON.stringify(report, null, 2));
    const c = report.cpuMicros;
    console.log(
      `\nwebhook/empty = ${ratio.toFixed(2)} (${report.webhook.rps} vs ${report.emptyRoute.rps} req/s), webhook p99 = ${report.webhook.p99ms} ms (empty route ${report.emptyRoute.p99ms} ms), WhatsApp (50 statuses/POST) = ${whatsapp.eventsPerSecond} events/s, batch = ${report.batch.eventsPerSecond} events/s (${report.batch.perEmptyRequest} per empty-route request/s)` +
        `\nCPU µs: empty request ${c.emptyPerRequest.server} server; webhook ${c.webhookPerRequest.server} server + ${c.webhookPerRequest.postgres} PostgreSQL; batch event ${c.batchPerEvent.server} server + ${c.batchPerEvent.postgres} PostgreSQL (load generator: ${c.emptyPerRequest.generator} / ${c.webhookPerRequest.generator} / ${c.batchPerEvent.generator})`,
    );
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    // BENCH_KEEP=1 keeps the database for a look at its plans and sizes afterwards.
    if (process.env.BENCH_KEEP) console.log(`kept ${db.url}`);
    else await db.drop().catch(() => {});
  }
}

type Cpu = { server: number; postgres: number; generator: number };

function zeroCpu(): Cpu {
  return { server: 0, postgres: 0, generator: 0 };
}

function totalRequests(runs: Result[]): number {
  return runs.reduce((n, r) => n + r.requests.total, 0);
}

/** CPU microseconds per unit of work. */
function perUnit(cpu: Cpu, units: number): Cpu {
  const us = (s: number) => Math.round((s / Math.max(units, 1)) * 1e6);
  return { server: us(cpu.server), postgres: us(cpu.postgres), generator: us(cpu.generator) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
