// npm run bench:dashboard [-- --deliveries 10000000 --inputs 8 --rounds 3 --no-events --keep]
// Seeds a fresh PostgreSQL database set-based (scripts/bench/seed-sql.ts: deliveries, ~3 receipt
// events each, support conversations), builds the rollups with the SQL that mirrors ingestion
// (scripts/bench/rollups-sql.ts), then times every dashboard query function with varied filters
// against the same answer computed from the deliveries table in the same run, and checks that
// both answers agree. Both sides answer the same inputs (filters i = 0 … inputs − 1; the fast side
// `rounds` times each), so the ratio compares like with like: the baseline's p95 over the inputs
// against the query's. Targets: p95 ≤ 200 ms and ≥ 20× faster than the baseline.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { closeDb, openDb, type Db } from "../lib/db/client";
import { query } from "../lib/db/sql";
import { createPgDatabase } from "../lib/testing/databases";
import { resolveRange, type Filters } from "../lib/queries/filters";
import type { ViewerScope } from "../lib/queries/scope";
import { getOverview } from "../lib/queries/get-overview";
import { getKpis } from "../lib/queries/get-kpis";
import { getTimeseries } from "../lib/queries/get-timeseries";
import { getTtrDistribution } from "../lib/queries/get-ttr-distribution";
import { getReadWithin, READ_WITHIN_POINTS } from "../lib/queries/read-within";
import { getSplits } from "../lib/queries/get-splits";
import { listCampaigns } from "../lib/queries/list-campaigns";
import { getCampaign } from "../lib/queries/get-campaign";
import { getReadHeatmap } from "../lib/queries/get-read-heatmap";
import { listFailureReasons } from "../lib/queries/list-failure-reasons";
import { compareCohorts } from "../lib/queries/compare-cohorts";
import { getAnnouncement } from "../lib/queries/get-announcement";
import { getMemberAcknowledgements } from "../lib/queries/get-member-acknowledgements";
import { getResponseTimes } from "../lib/queries/get-response-times";
import { listUnreadFollowUps } from "../lib/queries/list-unread-follow-ups";
import { listDeliveries } from "../lib/queries/list-deliveries";
import { BENCH_WS, BIG_CAMPAIGN, seedBench } from "./bench/seed-sql";
import { rebuildRollups } from "./bench/rollups-sql";
import { supportRepliesSelect } from "../lib/ingest/support-replies-sql";

/** One "now" for the run: the read-within curve depends on it. */
const NOW = new Date();

const { values: args } = parseArgs({
  options: {
    deliveries: { type: "string", default: "10000000" },
    /** Distinct filter sets per question, answered by both sides. */
    inputs: { type: "string", default: "8" },
    /** Timed answers of each input on the fast side (the baseline answers each once). */
    rounds: { type: "string", default: "3" },
    "no-events": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    /** Only the questions whose name contains this. */
    only: { type: "string" },
    /** Measure again on a database kept by an earlier `--keep` run (migrations are applied first). */
    reuse: { type: "string" },
  },
});
const N = Number(args.deliveries);
const INPUTS = Number(args.inputs);
const ROUNDS = Number(args.rounds);
const scope: ViewerScope = { workspaceId: BENCH_WS };
const TZS = ["Europe/Berlin", "Asia/Kolkata", "America/New_York", "Asia/Tehran"];
const KINDS = [undefined, "campaign", undefined, "direct"] as const;
const DAYS = [7, 30, 90, 30];

const localDay = (d: Date, tz: string) => new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(d);
/** Varied dashboard filters: zone, range length and kind rotate with i. */
function filtersFor(i: number): Filters {
  const tz = TZS[i % TZS.length];
  const days = DAYS[i % DAYS.length];
  const to = new Date();
  return {
    tz,
    from: localDay(new Date(to.getTime() - (days - 1) * 86400_000), tz),
    to: localDay(to, tz),
    kind: KINDS[(i >> 2) % KINDS.length],
  };
}

interface Case {
  name: string;
  /** "rollups" (vs SQL over deliveries) or "state" (vs the same query with index scans disabled). */
  basis: "rollups" | "state";
  fast: (i: number) => Promise<unknown>;
  slow: (i: number) => Promise<unknown>;
  /** Equal answers, as comparable values. */
  agree: (fast: unknown, slow: unknown) => boolean;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const t0 = Date.now();
  const created = args.reuse ? reused(args.reuse) : await createPgDatabase("receipts_bench_");
  let db: Db | undefined;
  let scan: Db | undefined;
  let plain: Db | undefined;
  const client = new pg.Client({ connectionString: created.url });
  client.on("error", () => {});
  try {
    db = await openDb({ databaseUrl: created.url, dataDir: "" });
    await client.connect();
    const exec = async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows;
    if (args.reuse) await exec(`ANALYZE`);
    else {
      console.log(
        `Seeding ${N.toLocaleString("en")} deliveries${args["no-events"] ? "" : " and their receipt events"} into ${created.name}`,
      );
      await seedBench(exec, N, { events: !args["no-events"], log: console.log });
      let t = Date.now();
      await rebuildRollups(exec, BENCH_WS);
      console.log(`  rollups: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
      await exec(`VACUUM ANALYZE`);
      console.log(`  vacuum analyze: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const sizes = await exec(
        `SELECT relname AS t, n_live_tup::bigint AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
         FROM pg_stat_user_tables WHERE relname IN ('deliveries', 'receipt_events', 'delivery_rollups', 'ttr_rollups', 'messages') ORDER BY relname`,
      );
      console.table(sizes);
    }
    const seedSeconds = (Date.now() - t0) / 1000;
    console.log(`Seeded in ${seedSeconds.toFixed(0)} s`);

    // The baseline for questions that read delivery state: the same query with index scans off.
    const u = new URL(created.url);
    u.searchParams.set("options", "-c enable_indexscan=off -c enable_bitmapscan=off -c enable_indexonlyscan=off");
    scan = await openDb({ databaseUrl: u.toString(), dataDir: "", jit: true });
    // Baselines run as PostgreSQL is configured out of the box (JIT on); the app turns JIT off.
    plain = await openDb({ databaseUrl: created.url, dataDir: "", jit: true });

    const cases = buildCases(db, plain, scan).filter((c) => !args.only || c.name.includes(args.only));
    const results: {
      name: string;
      basis: string;
      p50: number;
      p95: number;
      baseP50: number;
      baseP95: number;
      ratio: number;
      agree: boolean;
    }[] = [];
    const inputs = Array.from({ length: INPUTS }, (_, i) => i);
    for (const c of cases) {
      // Warm-up call (plans, buffers) not counted.
      await c.fast(0);
      const times: number[] = [];
      const answers = new Map<number, unknown>();
      for (let round = 0; round < ROUNDS; round++)
        for (const i of inputs) {
          const s = performance.now();
          const r = await c.fast(i);
          times.push(performance.now() - s);
          if (round === 0) answers.set(i, r);
        }
      const base: number[] = [];
      let agree = true;
      for (const i of inputs) {
        const s = performance.now();
        const r = await c.slow(i);
        base.push(performance.now() - s);
        agree &&= c.agree(answers.get(i), r);
      }
      const row = {
        name: c.name,
        basis: c.basis,
        p50: median(times),
        p95: p95(times),
        baseP50: median(base),
        baseP95: p95(base),
        ratio: p95(base) / p95(times),
        agree,
      };
      results.push(row);
      console.log(
        `${row.name.padEnd(34)} p50 ${row.p50.toFixed(1).padStart(7)} ms  p95 ${row.p95.toFixed(1).padStart(7)} ms  baseline p50 ${row.baseP50.toFixed(0).padStart(6)} / p95 ${row.baseP95.toFixed(0).padStart(6)} ms  ${row.ratio.toFixed(0).padStart(5)}×  ${row.agree ? "answers agree" : "ANSWERS DIFFER"}`,
      );
    }
    console.log(
      `\n| query | basis | p50 ms | p95 ms | baseline p50 / p95 ms | baseline p95 ÷ p95 | same answers |\n|---|---|---:|---:|---:|---:|---|`,
    );
    for (const r of results)
      console.log(
        `| ${r.name} | ${r.basis} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.baseP50.toFixed(0)} / ${r.baseP95.toFixed(0)} | ${r.ratio.toFixed(0)}× | ${r.agree ? "yes" : "NO"} |`,
      );
    const failing = results.filter((r) => r.p95 > 200 || r.ratio < 20 || !r.agree);
    console.log(
      `\n${N.toLocaleString("en")} deliveries; seeding ${seedSeconds.toFixed(0)} s; total ${((Date.now() - t0) / 1000).toFixed(0)} s.`,
    );
    console.log(failing.length ? `Targets missed: ${failing.map((r) => r.name).join(", ")}` : "Every query meets p95 ≤ 200 ms and ≥ 20×.");
    process.exitCode = failing.some((r) => !r.agree) ? 1 : 0;
  } finally {
    await client.end().catch(() => {});
    if (scan) await closeDb(scan);
    if (plain) await closeDb(plain);
    if (db) await closeDb(db);
    if (args.keep) console.log(`Kept ${created.url}`);
    else await created.drop();
  }
}

function reused(url: string) {
  const name = new URL(url).pathname.slice(1);
  if (!/^receipts_bench_/.test(name)) throw new Error("--reuse takes the URL of a receipts_bench_ database");
  // A reused database stays: it was kept on purpose.
  return { name, url, drop: async () => console.log(`Left ${name} in place (reused).`) };
}

// ---- cases -------------------------------------------------------------------------------------

type Row = Record<string, number | string | null>;

/** Lower edges of time-to-read bins 1, 2, …: bin b ≥ 1 holds [2^((b−1)/8), 2^(b/8)) seconds, bin 0 below 1 s (width_bucket's 0). */
const BIN_EDGES = Array.from({ length: 200 }, (_, b) => Math.pow(2, b / 8));

function buildCases(db: Db, plain: Db, scan: Db): Case[] {
  const sql = (text: string, params: unknown[] = []) => query<Row>(plain.prisma, text, params);
  const range = (i: number) => {
    const f = filtersFor(i);
    const r = resolveRange(f, "Europe/Berlin");
    return { f, from: r.from.toISOString(), to: r.to.toISOString(), tz: r.tz };
  };
  const kindSql = (f: Filters, p: number) => (f.kind ? `AND kind = $${p}::text::"MessageKind"` : `AND $${p}::text IS NULL`);
  const COUNTS = `count(*)::float8 AS sent, count(*) FILTER (WHERE status IN ('delivered', 'read'))::float8 AS delivered,
    count(*) FILTER (WHERE status = 'read')::float8 AS read, count(*) FILTER (WHERE status = 'failed')::float8 AS failed`;
  const TTR = `GREATEST(0, extract(epoch FROM read_at - cohort_at))`;
  const num = (x: unknown) => Number(x ?? 0);
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  const campaigns = ["cmp-17", "cmp-250", BIG_CAMPAIGN, "cmp-999"];
  const state = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

  return [
    {
      name: "overview (KPI numbers)",
      basis: "rollups",
      fast: (i) => getOverview(db, scope, filtersFor(i), "Europe/Berlin"),
      slow: (i) => {
        const r = range(i);
        return sql(
          `SELECT ${COUNTS}, percentile_disc(0.5) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE status = 'read') AS p50
           FROM deliveries WHERE workspace_id = 'bench' AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 3)}`,
          [r.from, r.to, r.f.kind ?? null],
        );
      },
      agree: (a, b) => {
        const o = a as Awaited<ReturnType<typeof getOverview>>;
        const s = (b as Row[])[0];
        return o.sent === num(s.sent) && o.read === num(s.read) && Math.abs(o.timeToRead.p50! / num(s.p50) - 1) < 0.045;
      },
    },
    {
      name: "KPI cards with previous period",
      basis: "rollups",
      fast: (i) => getKpis(db, scope, filtersFor(i), "Europe/Berlin"),
      slow: (i) => {
        const r = range(i);
        const len = Date.parse(r.to) - Date.parse(r.from);
        return sql(
          `SELECT cohort_at >= $1::timestamptz AS current, ${COUNTS} FROM deliveries
           WHERE workspace_id = 'bench' AND cohort_at >= $3::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 4)} GROUP BY 1`,
          [r.from, r.to, new Date(Date.parse(r.from) - len).toISOString(), r.f.kind ?? null],
        );
      },
      agree: (a, b) => {
        const k = a as Awaited<ReturnType<typeof getKpis>>;
        const rows = b as Row[];
        const prev = rows.find((r) => !r.current);
        return k.current.sent === num(rows.find((r) => r.current)?.sent) && k.previous.sent === num(prev?.sent);
      },
    },
    ...(["day", "hour"] as const).map((unit): Case => ({
      name: `timeseries by ${unit}`,
      basis: "rollups",
      fast: (i) =>
        getTimeseries(
          db,
          scope,
          { ...filtersFor(i), ...(unit === "hour" ? { from: undefined, to: undefined } : {}), ...hourRange(unit, i), unit },
          "Europe/Berlin",
        ),
      slow: (i) => {
        const f = { ...filtersFor(i), ...hourRange(unit, i) };
        const r = resolveRange(f, "Europe/Berlin");
        return sql(
          `SELECT to_char(date_trunc('${unit}', cohort_at, $3) AT TIME ZONE $3, 'YYYY-MM-DD HH24') AS k, ${COUNTS}
             FROM deliveries WHERE workspace_id = 'bench' AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(f, 4)}
             GROUP BY 1 ORDER BY 1`,
          [r.from.toISOString(), r.to.toISOString(), r.tz, f.kind ?? null],
        );
      },
      agree: (a, b) => {
        const t = a as Awaited<ReturnType<typeof getTimeseries>>;
        const rows = b as Row[];
        const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        return (
          same(sum(t.buckets.map((x) => x.sent)), sum(rows.map((r) => num(r.sent)))) &&
          t.buckets.filter((x) => x.sent > 0).length === rows.length
        );
      },
    })),
    {
      name: "time-to-read distribution + curve",
      basis: "rollups",
      fast: (i) => getTtrDistribution(db, scope, filtersFor(i), "Europe/Berlin"),
      slow: (i) => {
        const r = range(i);
        return sql(
          `SELECT count(*)::float8 AS read, count(*) FILTER (WHERE ${TTR} < 304.4370214406966)::float8 AS under5,
             percentile_disc(0.9) WITHIN GROUP (ORDER BY ${TTR}) AS p90
           FROM deliveries WHERE workspace_id = 'bench' AND status = 'read' AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 3)}`,
          [r.from, r.to, r.f.kind ?? null],
        );
      },
      agree: (a, b) => {
        const d = a as Awaited<ReturnType<typeof getTtrDistribution>>;
        const s = (b as Row[])[0];
        return d.read === num(s.read) && d.bins[0].count === num(s.under5) && Math.abs(d.timeToRead.p90! / num(s.p90) - 1) < 0.045;
      },
    },
    {
      // The Overview's "% read within t" curve, the whole of it: per age class (how many points a
      // cohort is old enough for) and time-to-read bin, from the deliveries, chained into the
      // points as getReadWithin does; every point's three numbers must agree.
      name: "read within t (curve)",
      basis: "rollups",
      fast: (i) => getReadWithin(db, scope, filtersFor(i), "Europe/Berlin", NOW),
      slow: async (i) => {
        const r = range(i);
        const rows = await sql(
          `SELECT width_bucket(extract(epoch FROM $4::timestamptz - (date_bin('15 minutes', cohort_at, TIMESTAMPTZ 'epoch') + interval '15 minutes'))::float8,
               $5::float8[]) AS k,
             CASE WHEN status <> 'read' THEN -1 ELSE width_bucket(${TTR}::float8, $6::float8[]) END AS bin,
             count(*)::float8 AS n
           FROM deliveries WHERE workspace_id = 'bench' AND status IN ('delivered', 'read')
             AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 3)}
           GROUP BY 1, 2`,
          [r.from, r.to, r.f.kind ?? null, NOW.toISOString(), READ_WITHIN_POINTS, BIN_EDGES],
        );
        const within = (bin: number, t: number) => bin >= 0 && Math.pow(2, bin / 8) <= t;
        return READ_WITHIN_POINTS.map((t, p) => {
          const old = rows.filter((x) => num(x.k) >= p + 1);
          const sum = (f: (x: Row) => boolean) => old.filter(f).reduce((n, x) => n + num(x.n), 0);
          const prev = p === 0 ? 0 : READ_WITHIN_POINTS[p - 1];
          return {
            seconds: t,
            delivered: sum(() => true),
            readBefore: sum((x) => within(num(x.bin), prev)),
            read: sum((x) => within(num(x.bin), t)),
          };
        });
      },
      agree: state,
    },
    ...(["source", "clientPlatform"] as const).map((by): Case => ({
      name: `split by ${by}`,
      basis: "rollups",
      fast: (i) => getSplits(db, scope, filtersFor(i), by, "Europe/Berlin"),
      slow: (i) => {
        const r = range(i);
        const col = by === "source" ? "source_id" : "COALESCE(client_platform, 'unknown')";
        // The same answer: counts and time-to-read (median, 90th percentile) per value.
        return sql(
          `SELECT ${col} AS g, ${COUNTS},
             percentile_disc(0.5) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE status = 'read') AS p50,
             percentile_disc(0.9) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE status = 'read') AS p90
           FROM deliveries
             WHERE workspace_id = 'bench' AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 3)} GROUP BY 1`,
          [r.from, r.to, r.f.kind ?? null],
        );
      },
      agree: (a, b) => {
        const rows = b as Row[];
        const near = (x: number | null, y: unknown) => (x === null ? y === null : Math.abs(x / num(y) - 1) < 0.045);
        return (a as Awaited<ReturnType<typeof getSplits>>).every((s) => {
          const r = rows.find((x) => x.g === s.value);
          return r?.read === s.read && r.sent === s.sent && near(s.timeToRead.p50, r.p50) && near(s.timeToRead.p90, r.p90);
        });
      },
    })),
    {
      name: "campaigns list (all time, sorted)",
      basis: "rollups",
      fast: (i) =>
        listCampaigns(db, scope, { sort: (["sent", "readRate", "firstSentAt", "deliveryRate"] as const)[i % 4] }, "Europe/Berlin"),
      slow: () => sql(`SELECT campaign_id AS id, ${COUNTS} FROM deliveries WHERE workspace_id = 'bench' AND kind = 'campaign' GROUP BY 1`),
      agree: (a, b) => {
        const rows = new Map((b as Row[]).map((r) => [r.id, r]));
        const list = a as Awaited<ReturnType<typeof listCampaigns>>;
        return list.length === rows.size && list.every((c) => num(rows.get(c.id)?.read) === c.read);
      },
    },
    {
      name: "campaign detail (variants, CIs, tests)",
      basis: "rollups",
      fast: (i) => getCampaign(db, scope, campaigns[i % campaigns.length], {}, "Europe/Berlin"),
      slow: (i) =>
        sql(`SELECT variant, ${COUNTS} FROM deliveries WHERE workspace_id = 'bench' AND campaign_id = $1 GROUP BY 1 ORDER BY 1`, [
          campaigns[i % campaigns.length],
        ]),
      agree: (a, b) => {
        const c = a as Awaited<ReturnType<typeof getCampaign>>;
        return (b as Row[]).every((r, k) => c.variants[k]?.read === num(r.read) && c.variants[k]?.sent === num(r.sent));
      },
    },
    {
      name: "campaign hour × weekday heatmap",
      basis: "rollups",
      fast: (i) => getReadHeatmap(db, scope, { campaignId: campaigns[i % campaigns.length], tz: TZS[i % TZS.length] }, "Europe/Berlin"),
      slow: (i) =>
        sql(
          `SELECT extract(isodow FROM cohort_at AT TIME ZONE $2)::int AS dow, extract(hour FROM cohort_at AT TIME ZONE $2)::int AS hour, ${COUNTS}
           FROM deliveries WHERE workspace_id = 'bench' AND campaign_id = $1 GROUP BY 1, 2`,
          [campaigns[i % campaigns.length], TZS[i % TZS.length]],
        ),
      agree: (a, b) => {
        const cells = (a as Awaited<ReturnType<typeof getReadHeatmap>>).cells;
        return (b as Row[]).every((r) => cells.find((c) => c.weekday === r.dow && c.hour === r.hour)?.read === num(r.read));
      },
    },
    {
      name: "compare 3 cohorts",
      basis: "rollups",
      fast: (i) => compareCohorts(db, scope, [`${BIG_CAMPAIGN}:A`, `${BIG_CAMPAIGN}:B`, campaigns[i % 2]], {}, "Europe/Berlin"),
      slow: (i) =>
        sql(
          `SELECT CASE WHEN campaign_id = $1 THEN campaign_id || ':' || variant ELSE campaign_id END AS ref, ${COUNTS}
           FROM deliveries WHERE workspace_id = 'bench' AND campaign_id IN ($1, $2) GROUP BY 1`,
          [BIG_CAMPAIGN, campaigns[i % 2]],
        ),
      agree: (a, b) => {
        const c = a as Awaited<ReturnType<typeof compareCohorts>>;
        return c.cohorts.every((x) => num((b as Row[]).find((r) => r.ref === x.ref)?.read) === x.read);
      },
    },
    {
      name: "failure reasons (30 days)",
      basis: "rollups",
      fast: (i) => listFailureReasons(db, scope, filtersFor(i * 4 + 1), "Europe/Berlin"),
      slow: (i) => {
        const r = range(i * 4 + 1);
        return sql(
          `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count FROM deliveries
           WHERE workspace_id = 'bench' AND failed_at IS NOT NULL AND status = 'failed' AND cohort_at >= $1::timestamptz AND cohort_at < $2::timestamptz ${kindSql(r.f, 3)}
           GROUP BY 1 ORDER BY count DESC, code LIMIT 20`,
          [r.from, r.to, r.f.kind ?? null],
        );
      },
      agree: state,
    },
    ...stateCases(db, scan, state),
  ];
}

function hourRange(unit: "day" | "hour", i: number): Partial<Filters> {
  if (unit === "day") return {};
  const tz = TZS[i % TZS.length];
  return { from: localDay(new Date(Date.now() - 6 * 86400_000), tz), to: localDay(new Date(), tz) };
}

function stateCases(db: Db, scan: Db, state: (a: unknown, b: unknown) => boolean): Case[] {
  const campaigns = [BIG_CAMPAIGN, "cmp-17", "cmp-250"];
  const both = (name: string, run: (d: Db, i: number) => Promise<unknown>, agree = state): Case => ({
    name,
    basis: "state",
    fast: (i) => run(db, i),
    slow: (i) => run(scan, i),
    agree,
  });
  const now = new Date();
  return [
    {
      // From campaign_failures since the sixth session; the baseline reads the campaign's failed
      // deliveries through their partial index (the query this one replaced).
      name: "failure reasons (campaign)",
      basis: "rollups",
      fast: (i) => listFailureReasons(db, scope, { campaignId: campaigns[i % 3] }, "Europe/Berlin"),
      slow: (i) =>
        query<Row>(
          db.prisma,
          `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count FROM deliveries
           WHERE workspace_id = 'bench' AND campaign_id = $1 AND failed_at IS NOT NULL AND status = 'failed' GROUP BY error_code ORDER BY count DESC, code LIMIT 20`,
          [campaigns[i % 3]],
        ),
      agree: state,
    },
    both("announcement roster + overdue", (d, i) => getAnnouncement(d, scope, `ann-${1 + ((i * 37) % 500)}`, { tz: TZS[i % 4], now })),
    both("member acknowledgement history", (d, i) =>
      getMemberAcknowledgements(d, scope, `mem-${(i * 97) % 2000}`, { from: "2000-01-01", tz: TZS[i % 4] }, "Europe/Berlin"),
    ),
    {
      // Baseline: the reply pairs computed from the messages themselves (a window over every
      // inbound and agent message of the range's conversations), as before support_replies.
      name: "support response times (30 days)",
      basis: "rollups",
      fast: (i) => getResponseTimes(db, scope, { ...filtersFor(i * 4 + 1), kind: undefined }, "Europe/Berlin"),
      slow: (i) => {
        const f = filtersFor(i * 4 + 1);
        const r = resolveRange(f, "Europe/Berlin");
        const convs = `(SELECT workspace_id AS ws, id AS c FROM conversations WHERE workspace_id = 'bench'
          AND first_inbound_at >= $1::timestamptz AND first_inbound_at < $2::timestamptz) AS t`;
        return query<Row>(
          db.prisma,
          `SELECT count(*) FILTER (WHERE is_first)::int AS first, count(*)::int AS replies FROM (${supportRepliesSelect(convs)}) p`,
          [r.from.toISOString(), r.to.toISOString()],
        );
      },
      agree: (a, b) => {
        const rt = a as Awaited<ReturnType<typeof getResponseTimes>>;
        const [row] = b as Row[];
        return rt.firstResponse.count === Number(row.first) && rt.reply.count === Number(row.replies);
      },
    },
    both("unread follow-ups (first page)", (d, i) =>
      listUnreadFollowUps(d, scope, { hours: 24, limit: 50, agentId: i % 2 ? `agent-${i % 50}` : undefined, now }),
    ),
    both("drill-down: read deliveries of a campaign", (d, i) =>
      listDeliveries(d, scope, { campaignId: campaigns[i % 3], status: "read", limit: 100 }, "Europe/Berlin"),
    ),
    both("drill-down: failed in 30 days", (d, i) =>
      listDeliveries(d, scope, { ...filtersFor(i * 4 + 1), status: "failed", limit: 100 }, "Europe/Berlin"),
    ),
  ];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
