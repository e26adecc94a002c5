import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { groupBy } from "../group-by";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { gridIntervals, gridSql, intervalsSql, type Grain, type Interval } from "./grid";
import { countTiers, ttrTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";

const BUCKET_MS = 900_000;

/** One interval (previous point, seconds] of the "% read within t" curve, over the cohorts old enough for `seconds`. */
export interface ReadWithinRow {
  seconds: number;
  /** Delivered messages of the cohorts sent at least `seconds` ago. */
  delivered: number;
  /** Of those, read within the previous point's time. */
  readBefore: number;
  /** Of those, read within `seconds`. */
  read: number;
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
export async function getReadWithin(
  db: Db,
  scope: ViewerScope,
  filters: Filters,
  defaultTz: string,
  now = new Date(),
): Promise<ReadWithinRow[]> {
  const range = resolveRange(filters, defaultTz, now);
  const w = rollupWhere(scope, filters, null);
  // Where the age class changes is a boundary: every hour or day row read lies in one class,
  // which its first 15-minute cohort tells.
  const cuts = ageClassCuts(now);
  const delivered = gridSql(countTiers(scope, filters), range, cuts, w, "bucket_start, delivered");
  const age = (params: unknown[]) => {
    const points = params.push(READ_WITHIN_POINTS);
    const at = params.push(now.toISOString());
    return `width_bucket(EXTRACT(EPOCH FROM $${at}::timestamptz - (bucket_start + interval '15 minutes'))::float8, $${points}::float8[])`;
  };
  // Reads: a day the points cut is read whole in one class, and only its other stretches by the
  // hour, moved to their own classes (readWithinPlan).
  const tiers = ttrTiers(scope, filters);
  const plan = readWithinPlan(
    range.from.getTime(),
    range.to.getTime(),
    now,
    tiers.map((t) => t.minutes),
  );
  const params = [...w.params];
  const k = age(params);
  const selects = [intervalsSql(tiers, plan.plain, w, `${k} AS k, bin, count AS c`, params).sql];
  for (const [cls, days] of groupBy(plan.days, (d) => d.k))
    selects.push(intervalsSql(tiers, days, w, `${cls} AS k, bin, count AS c`, params).sql);
  for (const [from, pieces] of groupBy(plan.moved, (m) => m.moveFrom)) {
    const moving = tiers.map((t) => ({
      ...t,
      table: `${t.table} CROSS JOIN LATERAL (VALUES (${k}, count), (${from}, -count)) AS x (k, c)`,
    }));
    selects.push(intervalsSql(moving, pieces, w, "x.k, bin, x.c", params).sql);
  }
  const [readRows, deliveredRows] = await Promise.all([
    query<{ k: number; bin: number; c: number }>(
      db.prisma,
      `SELECT k, bin, sum(c)::float8 AS c FROM (${selects.join(" UNION ALL ")}) AS r GROUP BY 1, 2`,
      params,
    ),
    query<{ k: number; c: number }>(
      db.prisma,
      `SELECT ${age(delivered.params)} AS k, sum(delivered)::float8 AS c FROM (${delivered.sql}) AS r GROUP BY 1`,
      delivered.params,
    ),
  ]);
  const within = (bin: number, t: number) => Math.pow(2, bin / 8) <= t;
  // Point i (0-based) takes the cohorts of age class k ≥ i + 1: old enough for READ_WITHIN_POINTS[i].
  return READ_WITHIN_POINTS.map((t, i) => {
    const prev = i === 0 ? 0 : READ_WITHIN_POINTS[i - 1];
    const old = readRows.filter((r) => r.k >= i + 1);
    return {
      seconds: t,
      delivered: deliveredRows.filter((d) => d.k >= i + 1).reduce((s, d) => s + d.c, 0),
      readBefore: old.filter((r) => within(r.bin, prev)).reduce((s, r) => s + r.c, 0),
      read: old.filter((r) => within(r.bin, t)).reduce((s, r) => s + r.c, 0),
    };
  });
}

/** The age class of the 15-minute cohort starting at `bucket` (ms): how many points it is old enough for (SQL's width_bucket). */
export function ageClass(bucket: number, now: Date): number {
  const age = (now.getTime() - bucket - BUCKET_MS) / 1000;
  let k = 0;
  while (k < READ_WITHIN_POINTS.length && READ_WITHIN_POINTS[k] <= age) k++;
  return k;
}

/** For each point t, the first cohort too young for it: cohort b is old enough while b + 15 min + t ≤ now. */
export function ageClassCuts(now: Date): Date[] {
  return READ_WITHIN_POINTS.map((t) => new Date((Math.floor((now.getTime() - BUCKET_MS - t * 1000) / BUCKET_MS) + 1) * BUCKET_MS));
}

const DAY_MS = 86_400_000;

export interface ReadWithinPlan {
  /** Read by the grid: each row in the age class of its first cohort. */
  plain: Interval[];
  /** Whole UTC days the points cut, read whole in class `k`, the class of most of the day. */
  days: (Interval & { k: number })[];
  /** The rest of those days: read again in their own class and taken out of the day's (`moveFrom`). */
  moved: (Interval & { moveFrom: number })[];
}

/**
 * Where the "% read within t" curve reads time-to-read bins on `grains`. The points cut the last
 * week into stretches of one age class, which the grid reads by the hour; instead each whole day
 * among them is read as one day row in the class of most of it, and only its other stretches by
 * the hour (counted once more in their class, once less in the day's). For a 30-day range: about
 * half the hour rows.
 */
export function readWithinPlan(from: number, to: number, now: Date, grains: Grain[]): ReadWithinPlan {
  const cuts = ageClassCuts(now).map((d) => d.getTime());
  const intervals = gridIntervals(from, to, cuts, grains);
  if (!grains.includes(1440)) return { plain: intervals, days: [], moved: [] };
  const plain: Interval[] = [];
  const pieces: Interval[] = [];
  for (const iv of intervals) {
    if (iv.minutes >= 1440) plain.push(iv);
    // Hours and quarters (merged across cuts by the grid) cut again at the points and at UTC
    // midnights: pieces of one class, by day.
    else
      for (let a = iv.from; a < iv.to;) {
        const day = Math.floor(a / DAY_MS) * DAY_MS;
        const b = Math.min(iv.to, day + DAY_MS, ...cuts.filter((c) => c > a));
        pieces.push({ ...iv, from: a, to: b });
        a = b;
      }
  }
  const days: ReadWithinPlan["days"] = [];
  const moved: ReadWithinPlan["moved"] = [];
  for (const [day, list] of groupBy(pieces, (p) => Math.floor(p.from / DAY_MS) * DAY_MS)) {
    if (day < from || day + DAY_MS > to) {
      plain.push(...list);
      continue;
    }
    const time = new Map<number, number>();
    for (const p of list) time.set(ageClass(p.from, now), (time.get(ageClass(p.from, now)) ?? 0) + p.to - p.from);
    const k = [...time].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    days.push({ minutes: 1440, from: day, to: day + DAY_MS, k });
    for (const p of list) if (ageClass(p.from, now) !== k) moved.push({ ...p, moveFrom: k });
  }
  return { plain, days, moved };
}
