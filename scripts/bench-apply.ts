// npm run bench:apply [-- --events 100000 --batch 1000]
// CPU cost of applying receipts, without HTTP: a generated realistic stream (campaigns, an
// announcement, support conversations; duplicated and reordered) is fed through the real writer
// (group commit, lanes, privacy rules) on a fresh PostgreSQL database, and the CPU time spent by
// this Node process and by the PostgreSQL server (all its processes) is divided by the number of events. CPU time,
// unlike wall time, stays meaningful on a machine shared with other work: use it to compare
// changes to the ingestion path (run before and after in the same session).
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, openDb } from "../lib/db/client";
import { createPgDatabase } from "../lib/testing/databases";
import { createWorkspace, ingest } from "../lib/testing/ingest";
import { postgresCpu } from "./bench/cpu";
import { disorder, generateScenario, type CanonicalEvent } from "../lib/simulator/scenario";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
  },
});
const WANT = Number(args.events);
const BATCH = Number(args.batch);

function stream(): CanonicalEvent[] {
  const out: CanonicalEvent[] = [];
  for (let seed = 1; out.length < WANT; seed++) {
    const part = generateScenario({ seed, days: 7, prefix: `s${seed}-`, campaigns: 4, recipientsPerCampaign: 2_000, conversations: 60 });
    out.push(...disorder(part, { duplicates: 0.03, window: 300 }, seed));
  }
  return out.slice(0, WANT);
}

async function main() {
  const events = stream();
  const created = await createPgDatabase("receipts_bench_");
  const db = await openDb({ databaseUrl: created.url, dataDir: "" });
  const admin = new pg.Client({ connectionString: created.url });
  await admin.connect();
  try {
    await createWorkspace(db, "bench");
    // Warm up the pool and the prepared statements, so every backend exists before measuring.
    await ingest(db, "bench", generateScenario({ seed: 999, days: 1, prefix: "warm-", campaigns: 1, recipientsPerCampaign: 200 }), {
      batch: BATCH,
    });
    const pgClock = await postgresCpu(created.url);
    const pgBefore = pgClock();
    const nodeBefore = process.cpuUsage();
    const t0 = performance.now();
    await ingest(db, "bench", events, { batch: BATCH });
    const seconds = (performance.now() - t0) / 1000;
    const node = process.cpuUsage(nodeBefore);
    const pgCpu = pgClock() - pgBefore;
    // Updates that had to touch every index (not HOT): the main PostgreSQL cost of a receipt.
    await admin.query("SELECT pg_stat_force_next_flush()").catch(() => {});
    const tables = (
      await admin.query<{ table: string; inserts: string; updates: string; hot: string }>(
        `SELECT relname AS table, n_tup_ins AS inserts, n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables
         WHERE n_tup_ins + n_tup_upd > 0 ORDER BY n_tup_ins + n_tup_upd DESC LIMIT 8`,
      )
    ).rows;
    const perEvent = (s: number) => Math.round((s / events.length) * 1e6);
    const result = {
      events: events.length,
      batch: BATCH,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(events.length / seconds),
      cpuMicrosPerEvent: {
        node: perEvent((node.user + node.system) / 1e6),
        postgres: perEvent(pgCpu),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.table(tables);
    console.log(
      `\n${result.eventsPerSecond} events/s; CPU per event: Node ${result.cpuMicrosPerEvent.node} µs, PostgreSQL ${result.cpuMicrosPerEvent.postgres} µs`,
    );
  } finally {
    await admin.end();
    await closeDb(db);
    await created.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
