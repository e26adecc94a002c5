import type { Range } from "./filters";
import type { Where } from "./where";

// Rollups come in four grains: 15-minute buckets (exact in every zone, as every IANA offset is a
// multiple of 15 minutes), UTC hours, UTC days and 7-day weeks counted from the Unix epoch
// (migration 20261127000000_coarse_grains). A
// question may read a coarse bucket wherever none of its boundaries cuts it — the range's ends,
// the local hours or days it groups by, a maturity or age cut-off. So a range is cut into
// intervals of the coarsest grain whose buckets lie wholly between two boundaries, each interval
// is read from its grain's table, and the parts are summed: a 30-day range in Asia/Kolkata reads
// 4 weeks, a day, ~46 hours and 4 quarters of rows instead of 2,880 quarters.

export type { Grain } from "../ingest/grains";
import type { Grain } from "../ingest/grains";

export interface Interval {
  minutes: Grain;
  /** Epoch milliseconds, [from, to). */
  from: number;
  to: number;
  /** -1: counted out (a complement, see gridIntervals); absent: counted in. */
  sign?: -1;
}

/** A table holding `minutes` buckets; `where` picks them out of a table holding several grains. */
export interface Tier {
  minutes: Grain;
  table: string;
  where?: string;
}

/**
 * [from, to) in intervals of the coarsest of `grains` (15 must be one) whose buckets no cut
 * splits. `from`, `to` and the cuts lie on the 15-minute grid; adjacent intervals of one grain merge.
 *
 * With `complement` (for sums that do not group by time, so no cuts), a ragged end covering more
 * than half of a coarse bucket reads the whole bucket and counts out the part beyond the range
 * in finer grains: 23 hours of a day are a day row less one hour. The intervals then sum to
 * [from, to) with their signs.
 */
export function gridIntervals(from: number, to: number, cuts: number[], grains: Grain[], complement = false): Interval[] {
  const coarseFirst = [...new Set(grains)].sort((a, b) => b - a);
  if (coarseFirst[coarseFirst.length - 1] !== 15) throw new Error("the 15-minute grain is the finest every question can fall back to");
  const out: Interval[] = [];
  const push = (minutes: Grain, a: number, b: number, sign: 1 | -1) => {
    if (a >= b) return;
    const last = out[out.length - 1];
    if (last?.minutes === minutes && last.to === a && (last.sign ?? 1) === sign) last.to = b;
    else out.push(sign === 1 ? { minutes, from: a, to: b } : { minutes, from: a, to: b, sign });
  };
  // The coarsest buckets wholly inside [a, b), the remnants at both ends by the next grain down
  // (or, at an end that may be complemented, the bucket holding the remnant less the rest of it).
  const split = (a: number, b: number, i: number, sign: 1 | -1, left: boolean, right: boolean) => {
    const minutes = coarseFirst[i];
    if (i === coarseFirst.length - 1) return push(minutes, a, b, sign);
    const size = minutes * 60_000;
    const a1 = Math.ceil(a / size) * size;
    const b1 = Math.floor(b / size) * size;
    const outSign = -sign as 1 | -1; // what a complement counts out
    if (a1 > b1) {
      // Inside one bucket [b1, a1).
      if (left && right && 2 * (b - a) > size) {
        push(minutes, b1, a1, sign);
        split(b1, a, i + 1, outSign, false, false);
        split(b, a1, i + 1, outSign, false, false);
      } else split(a, b, i + 1, sign, left, right);
      return;
    }
    if (left && 2 * (a1 - a) > size) {
      push(minutes, a1 - size, a1, sign);
      split(a1 - size, a, i + 1, outSign, false, false);
    } else split(a, a1, i + 1, sign, left, false);
    push(minutes, a1, b1, sign);
    if (right && 2 * (b - b1) > size) {
      push(minutes, b1, b1 + size, sign);
      split(b, b1 + size, i + 1, outSign, false, false);
    } else split(b1, b, i + 1, sign, false, right);
  };
  const inside = [...new Set(cuts)].filter((c) => c > from && c < to).sort((a, b) => a - b);
  if (complement && inside.length) throw new Error("complements are for questions that do not group by time");
  let a = from;
  for (const b of [...inside, to]) {
    split(a, b, 0, 1, complement, complement);
    a = b;
  }
  return out;
}

/**
 * SQL reading `select` (columns of every tier's table) from the rows `w` admits in `range`, each
 * interval from its grain's tier: a UNION ALL to sum over. `w` carries no time condition; its
 * parameters come first, the intervals' after them.
 *
 * `counters` (columns the caller only sums; `select` then names the others) allows complements
 * where there are no cuts: their rows come with the counters negated.
 */
export function gridSql(
  tiers: Tier[],
  range: Range,
  cuts: Date[],
  w: Where,
  select: string,
  counters?: string[],
): { sql: string; params: unknown[] } {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const inside = cuts.map((c) => c.getTime()).filter((c) => c > from && c < to);
  const intervals = gridIntervals(
    from,
    to,
    inside,
    tiers.map((t) => t.minutes),
    Boolean(counters) && !inside.length,
  );
  return intervalsSql(tiers, intervals, w, select, undefined, counters);
}

/**
 * gridSql for intervals already chosen. `params` starts with `w`'s parameters; several calls may
 * share one array (their SQL then shares `w`'s numbers and appends its own).
 */
export function intervalsSql(
  tiers: Tier[],
  intervals: Interval[],
  w: Where,
  select: string,
  params: unknown[] = [...w.params],
  counters?: string[],
): { sql: string; params: unknown[] } {
  const p = (v: unknown) => `$${params.push(v)}`;
  const iso = (ms: number) => new Date(ms).toISOString();
  if (intervals.some((iv) => iv.sign) && !counters) throw new Error("complements need the counters to negate");
  const columns = (sign: 1 | -1) =>
    counters ? [select, ...counters.map((c) => (sign === 1 ? c : `-${c} AS ${c}`))].filter(Boolean).join(", ") : select;
  const parts = tiers.flatMap((tier) =>
    ([1, -1] as const).flatMap((sign) => {
      const mine = intervals.filter((iv) => iv.minutes === tier.minutes && (iv.sign ?? 1) === sign);
      if (!mine.length) return [];
      const extra = tier.where ? ` AND ${tier.where}` : "";
      // One range per interval, OR'd: the planner estimates each arm from the index and scans only
      // those (an unnest join of the intervals made it guess the whole span and scan the table).
      const ranges = mine.map((iv) => `(bucket_start >= ${p(iso(iv.from))}::timestamptz AND bucket_start < ${p(iso(iv.to))}::timestamptz)`);
      return [`SELECT ${columns(sign)} FROM ${tier.table} WHERE ${w}${extra} AND (${ranges.join(" OR ")})`];
    }),
  );
  return { sql: parts.length ? parts.join(" UNION ALL ") : `SELECT ${columns(1)} FROM ${tiers[0].table} WHERE ${w} AND false`, params };
}
