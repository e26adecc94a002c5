import "server-only";
import type { Db } from "@/lib/db/client";
import { query } from "@/lib/db/sql";
import { resolveRange, rollupWhere, type Filters, type Range } from "@/lib/queries/filters";
import { getOverview, type Overview } from "@/lib/queries/get-overview";
import type { ViewerScope } from "@/lib/queries/scope";
import { Where } from "@/lib/queries/where";
import type { ActivityItem } from "@/components/live-activity";
import type { TrendRow, TrendUnit } from "@/components/charts/chart-area-trend.data";
import type { TtrBinRow } from "@/components/charts/chart-bar-ttr-distribution.data";
import type { ReadWithinRow } from "@/components/charts/chart-line-read-within.data";
import type { SplitRow } from "@/components/charts/chart-bar-split.data";
import type { HeatmapRow } from "@/components/charts/chart-heatmap-send-hour.data";

// Page-local loaders for the Overview, one per widget, each shaped like the endpoint that will
// replace it (issue 5 query layer): when /api/v1/stats/* lands, each becomes a `use<Thing>Query`
// hook with the same name and result, and the page stops passing promises.

export interface Ctx {
  db: Db;
  scope: ViewerScope;
  filters: Filters;
  tz: string;
}

export interface KpiData {
  current: Overview;
  /** The same length of time just before the range, for "change vs previous period". */
  previous: Overview;
}

export async function loadKpis({ db, scope, filters, tz }: Ctx): Promise<KpiData> {
  const range = resolveRange(filters, tz);
  const length = range.to.getTime() - range.from.getTime();
  const current = await getOverview(db, scope, filters, tz);
  const previous = await getOverview(
    db,
    scope,
    { ...filters, from: new Date(range.from.getTime() - length).toISOString(), to: range.from.toISOString() },
    tz,
  );
  return { current, previous };
}

/** Hourly buckets for ranges up to two days, daily beyond. */
export function trendUnit(range: Range): TrendUnit {
  return range.to.getTime() - range.from.getTime() <= 2 * 86400_000 ? "hour" : "day";
}

export interface TrendData {
  unit: TrendUnit;
  from: string;
  to: string;
  tz: string;
  rows: TrendRow[];
}

export async function loadTrend({ db, scope, filters, tz }: Ctx): Promise<TrendData> {
  const range = resolveRange(filters, tz);
  const unit = trendUnit(range);
  const w = rollupWhere(scope, filters, range);
  const tzParam = `$${w.params.length + 1}`;
  const rows = await query<TrendRow>(
    db.prisma,
    `SELECT to_char(date_trunc('${unit}', bucket_start AT TIME ZONE ${tzParam}), 'YYYY-MM-DD"T"HH24:MI') AS local,
       sum(sent)::float8 AS sent, sum(delivered)::float8 AS delivered, sum(read)::float8 AS read, sum(failed)::float8 AS failed
     FROM delivery_rollups WHERE ${w} GROUP BY 1 ORDER BY 1`,
    [...w.params, range.tz],
  );
  return { unit, from: range.from.toISOString(), to: range.to.toISOString(), tz: range.tz, rows };
}

export async function loadTtrBins({ db, scope, filters, tz }: Ctx): Promise<TtrBinRow[]> {
  const range = resolveRange(filters, tz);
  const w = rollupWhere(scope, filters, range);
  return query<TtrBinRow>(
    db.prisma,
    `SELECT bin, sum(count)::float8 AS count FROM ttr_rollups WHERE ${w} GROUP BY bin ORDER BY bin`,
    w.params,
  );
}

/** Points of the "% read within t" curve, in seconds (log-spaced, 1 minute to 7 days). */
export const READ_WITHIN_POINTS = [
  60, 120, 300, 600, 900, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200, 64800, 86400, 129600, 172800, 259200, 345600,
  432000, 604800,
];

/**
 * For each interval (previous t, t] of the curve: among cohorts sent at least t ago, how many were
 * delivered, how many read within the previous t, and how many within t. Cohorts younger than t
 * have not had t to be read yet (product.md: immature); the client chains these into a
 * Kaplan–Meier estimate so they still count for the shorter times they have had. A read counts when
 * its whole histogram bin lies within t, so the curve is a lower bound.
 *
 * SQL groups the rollups by "age class" (how many points a cohort is old enough for, via
 * width_bucket) and bin — a few hundred rows whatever the range — and the sums per point are
 * done here: one pass instead of a scan per point (measured 350 ms → a few ms on the demo data).
 */
export async function loadReadWithin({ db, scope, filters, tz }: Ctx, now = new Date()): Promise<ReadWithinRow[]> {
  const range = resolveRange(filters, tz);
  const w = rollupWhere(scope, filters, range);
  const n = w.params.length;
  const age = `width_bucket(EXTRACT(EPOCH FROM $${n + 2}::timestamptz - (bucket_start + interval '15 minutes'))::float8, $${n + 1}::float8[])`;
  const params = [...w.params, READ_WITHIN_POINTS, now.toISOString()];
  const [reads, delivered] = await Promise.all([
    query<{ k: number; bin: number; c: number }>(
      db.prisma,
      `SELECT ${age} AS k, bin, sum(count)::float8 AS c FROM ttr_rollups WHERE ${w} GROUP BY 1, 2`,
      params,
    ),
    query<{ k: number; c: number }>(
      db.prisma,
      `SELECT ${age} AS k, sum(delivered)::float8 AS c FROM delivery_rollups WHERE ${w} GROUP BY 1`,
      params,
    ),
  ]);
  const within = (bin: number, t: number) => Math.pow(2, bin / 8) <= t;
  // Point i (0-based) takes the cohorts of age class k ≥ i + 1: old enough for READ_WITHIN_POINTS[i].
  return READ_WITHIN_POINTS.map((t, i) => {
    const prev = i === 0 ? 0 : READ_WITHIN_POINTS[i - 1];
    const old = reads.filter((r) => r.k >= i + 1);
    return {
      seconds: t,
      delivered: delivered.filter((d) => d.k >= i + 1).reduce((s, d) => s + d.c, 0),
      readBefore: old.filter((r) => within(r.bin, prev)).reduce((s, r) => s + r.c, 0),
      read: old.filter((r) => within(r.bin, t)).reduce((s, r) => s + r.c, 0),
    };
  });
}

export interface SplitData {
  bySource: SplitRow[];
  byClientPlatform: SplitRow[];
}

export async function loadSplits({ db, scope, filters, tz }: Ctx): Promise<SplitData> {
  const range = resolveRange(filters, tz);
  const w = rollupWhere(scope, filters, range, "r");
  const counts = `sum(r.sent)::float8 AS sent, sum(r.delivered)::float8 AS delivered, sum(r.read)::float8 AS read, sum(r.failed)::float8 AS failed`;
  const bySource = await query<SplitRow>(
    db.prisma,
    `SELECT r.source_id AS key, COALESCE(s.name, NULLIF(r.source_id, '')) AS label, s.platform::text AS platform, ${counts}
     FROM delivery_rollups r LEFT JOIN sources s ON s.workspace_id = r.workspace_id AND s.id = r.source_id
     WHERE ${w} GROUP BY 1, 2, 3 ORDER BY sent DESC`,
    w.params,
  );
  const byClientPlatform = await query<SplitRow>(
    db.prisma,
    `SELECT CASE WHEN r.client_platform IN ('ios', 'android', 'web', 'desktop') THEN r.client_platform ELSE 'unknown' END AS key,
       NULL AS label, NULL AS platform, ${counts}
     FROM delivery_rollups r WHERE ${w} GROUP BY 1 ORDER BY sent DESC`,
    w.params,
  );
  return { bySource, byClientPlatform };
}

export async function loadHeatmap({ db, scope, filters, tz }: Ctx): Promise<HeatmapRow[]> {
  const range = resolveRange(filters, tz);
  const w = rollupWhere(scope, filters, range);
  const p = `$${w.params.length + 1}`;
  return query<HeatmapRow>(
    db.prisma,
    `SELECT extract(isodow FROM bucket_start AT TIME ZONE ${p})::int AS weekday, extract(hour FROM bucket_start AT TIME ZONE ${p})::int AS hour,
       sum(delivered)::float8 AS delivered, sum(read)::float8 AS read
     FROM delivery_rollups WHERE ${w} GROUP BY 1, 2`,
    [...w.params, range.tz],
  );
}

/**
 * The latest receipts (newest first, duplicates left out). The newest 1,000 events are taken from
 * the event log's primary key first and only then joined and filtered: joining first let the
 * planner walk every message of the workspace (measured 1.4 s on the demo data, now milliseconds).
 * So a very narrow filter may show fewer items than asked for — it is a feed, not a report. No
 * recipient ids: the Overview is seen by roles that may not see who read what (product.md).
 */
export async function loadActivity({ db, scope, filters }: Ctx, limit = 12): Promise<ActivityItem[]> {
  const w = new Where(scope, "m");
  w.eq("kind", filters.kind, "::text").eq("campaign_id", filters.campaignId).eq("source_id", filters.source);
  const ws = `$${w.params.length + 1}`;
  const rows = await query<Omit<ActivityItem, "occurredAt" | "receivedAt"> & { occurredAt: Date; receivedAt: Date }>(
    db.prisma,
    `SELECT e.id::text AS id, e.type, e.message_id AS "messageId", m.title, m.kind::text AS kind,
       e.occurred_at AS "occurredAt", e.received_at AS "receivedAt", s.name AS "sourceName"
     FROM (SELECT * FROM receipt_events WHERE workspace_id = ${ws} AND message_id IS NOT NULL AND outcome <> 'duplicate'
           ORDER BY id DESC LIMIT 1000) e
     JOIN messages m ON m.workspace_id = e.workspace_id AND m.id = e.message_id
     LEFT JOIN sources s ON s.workspace_id = e.workspace_id AND s.id = e.source_id
     WHERE ${w} ORDER BY e.id DESC LIMIT ${Math.min(50, limit)}`,
    [...w.params, scope.workspaceId],
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString(), receivedAt: new Date(r.receivedAt).toISOString() }));
}

export interface SourceOption {
  id: string;
  name: string;
  platform: string;
}

export async function loadSources({ db, scope }: Ctx): Promise<SourceOption[]> {
  const rows = await db.prisma.source.findMany({ where: { workspaceId: scope.workspaceId }, orderBy: { name: "asc" } });
  return rows.map((s) => ({ id: s.id, name: s.name, platform: s.platform }));
}
