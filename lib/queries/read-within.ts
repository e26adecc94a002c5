import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { resolveRange, rollupWhere, type Filters, type Range } from "./filters";
import { countsTable, needsPeople } from "./rollup-tables";
import { splitByUtcDays } from "./ttr-bins";
import type { ViewerScope } from "./scope";

const DAY_MS = 86_400_000;
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
  const w = rollupWhere(scope, filters, range);
  const n = w.params.length;
  const age = `width_bucket(EXTRACT(EPOCH FROM $${n + 2}::timestamptz - (bucket_start + interval '15 minutes'))::float8, $${n + 1}::float8[])`;
  const params = [...w.params, READ_WITHIN_POINTS, now.toISOString()];
  const coarse = !needsPeople(scope, filters) && !filters.campaignId && !filters.variant;
  const readParams: unknown[] = [];
  const readSelects = (coarse ? readWithinParts(range, now) : [{ table: "ttr_rollups" as const, range }]).map((part) => {
    const pw = rollupWhere(scope, filters, part.range);
    const offset = readParams.length;
    readParams.push(...pw.params);
    const where = String(pw).replace(/\$(\d+)/g, (_, i: string) => `$${Number(i) + offset}`);
    if (part.table === "ttr_rollups_daily") return `SELECT ${part.k} AS k, bin, count AS c FROM ttr_rollups_daily WHERE ${where}`;
    // Only the 15-minute parts take the points and "now" (an unused parameter has no type).
    const points = readParams.push(READ_WITHIN_POINTS);
    const at = readParams.push(now.toISOString());
    const k = `width_bucket(EXTRACT(EPOCH FROM $${at}::timestamptz - (bucket_start + interval '15 minutes'))::float8, $${points}::float8[])`;
    if (part.moveFrom === undefined) return `SELECT ${k} AS k, bin, count AS c FROM ttr_rollups WHERE ${where}`;
    // These reads were counted in age class `moveFrom` by a whole day of ttr_rollups_daily: move them to their own.
    return `SELECT x.k, bin, x.c FROM ttr_rollups, LATERAL (VALUES (${k}, count), (${part.moveFrom}, -count)) AS x (k, c) WHERE ${where}`;
  });
  const [reads, delivered] = await Promise.all([
    query<{ k: number; bin: number; c: number }>(
      db.prisma,
      `SELECT k, bin, sum(c)::float8 AS c FROM (${readSelects.join(" UNION ALL ")}) AS r GROUP BY 1, 2`,
      readParams,
    ),
    query<{ k: number; c: number }>(
      db.prisma,
      `SELECT ${age} AS k, sum(delivered)::float8 AS c FROM ${countsTable(scope, filters)} WHERE ${w} GROUP BY 1`,
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

export type ReadWithinPart =
  { table: "ttr_rollups_daily"; range: Range; k: number } | { table: "ttr_rollups"; range: Range; moveFrom?: number };

/** The age class of the 15-minute cohort starting at `bucket` (ms): how many points it is old enough for (SQL's width_bucket). */
export function ageClass(bucket: number, now: Date): number {
  const age = (now.getTime() - bucket - BUCKET_MS) / 1000;
  let k = 0;
  while (k < READ_WITHIN_POINTS.length && READ_WITHIN_POINTS[k] <= age) k++;
  return k;
}

/**
 * Where a workspace-wide curve reads its time-to-read bins. A whole UTC day comes from
 * ttr_rollups_daily, all in the age class of its longest stretch of one class — for every day
 * older than the last point that is the whole day. Where points cut a day (the last week), the
 * rest of it comes from the 15-minute table too, moved to its own classes: counted once more
 * there, once less in the day's class. Only the range's ragged ends read all their 15-minute rows.
 * For a 30-day range: ~3.6 days of 15-minute rows instead of ~9.
 */
export function readWithinParts(range: Range, now: Date): ReadWithinPart[] {
  const split = splitByUtcDays(range);
  if (!split) return [{ table: "ttr_rollups", range }];
  const parts: ReadWithinPart[] = [];
  const daily = (from: number, to: number, k: number) => {
    const last = parts[parts.length - 1];
    // Consecutive days of one class are one part (all days older than the last point, say).
    if (last?.table === "ttr_rollups_daily" && last.k === k && last.range.to.getTime() === from)
      last.range = { ...last.range, to: new Date(to) };
    else parts.push({ table: "ttr_rollups_daily", range: { ...range, from: new Date(from), to: new Date(to) }, k });
  };
  const fine = (from: number, to: number, moveFrom?: number) =>
    parts.push({
      table: "ttr_rollups",
      range: { ...range, from: new Date(from), to: new Date(to) },
      ...(moveFrom === undefined ? {} : { moveFrom }),
    });
  for (const part of split) {
    if (part.table === "ttr_rollups") {
      parts.push({ table: "ttr_rollups", range: part.range });
      continue;
    }
    for (let day = part.range.from.getTime(); day < part.range.to.getTime(); day += DAY_MS) {
      const end = day + DAY_MS;
      // Where the class changes within the day (it only ever decreases as cohorts get younger).
      const cuts = [day];
      if (ageClass(day, now) !== ageClass(end - BUCKET_MS, now))
        for (let b = day + BUCKET_MS; b < end; b += BUCKET_MS) if (ageClass(b, now) !== ageClass(b - BUCKET_MS, now)) cuts.push(b);
      cuts.push(end);
      // The longest stretch of one class counts the whole day; the rest of the day is moved.
      let longest = 0;
      for (let i = 1; i < cuts.length - 1; i++) if (cuts[i + 1] - cuts[i] > cuts[longest + 1] - cuts[longest]) longest = i;
      const k = ageClass(cuts[longest], now);
      daily(day, end, k);
      if (cuts[longest] > day) fine(day, cuts[longest], k);
      if (cuts[longest + 1] < end) fine(cuts[longest + 1], end, k);
    }
  }
  return parts;
}
