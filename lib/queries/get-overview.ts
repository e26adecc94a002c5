import "server-only";
import { query } from "../db/sql";
import type { Db } from "../db/client";
import { COUNTERS, countsOf, countsSql, isImmature, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters, type Range } from "./filters";
import { gridSql } from "./grid";
import { countTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { binsOf, ttrBins } from "./ttr-bins";

export interface Overview extends Counts {
  timeToRead: TimeToRead;
  range: { from: string; to: string; tz: string };
  /** Part of the range was sent less than 24 h ago: its read numbers are still growing. */
  immature: boolean;
}

/** Headline numbers for deliveries sent in the range, from the rollups only. */
export async function getOverview(db: Db, scope: ViewerScope, filters: Filters, defaultTz: string): Promise<Overview> {
  const [overview] = await overviewsOf(db, scope, filters, resolveRange(filters, defaultTz), []);
  return overview;
}

/**
 * Headline numbers of the consecutive periods `cuts` split `range` into (e.g. the previous period
 * and the current one), in one count query and one time-to-read query: each row read lies wholly
 * in one period, as the cuts are boundaries of the grid.
 */
export async function overviewsOf(db: Db, scope: ViewerScope, filters: Filters, range: Range, cuts: Date[]): Promise<Overview[]> {
  const edges = cuts.map((c) => c.getTime() / 1000);
  // The period's index: 0 before the first cut, i from the i-th on.
  const period = edges.length ? `width_bucket(extract(epoch FROM bucket_start)::float8, ARRAY[${edges.join(", ")}]::float8[])` : "0";
  const rows = gridSql(countTiers(scope, filters), range, cuts, rollupWhere(scope, filters, null), `${period} AS g`, COUNTERS);
  const [totals, bins] = await Promise.all([
    query<CountRow & { g: number }>(db.prisma, `SELECT g, ${countsSql()} FROM (${rows.sql}) AS r GROUP BY 1`, rows.params),
    ttrBins(db, scope, filters, range, period, cuts),
  ]);
  const bounds = [range.from, ...cuts, range.to];
  return bounds.slice(1).map((to, i) => {
    const t = totals.find((r) => Number(r.g) === i);
    const counts = countsOf(t);
    return {
      ...counts,
      timeToRead: timeToReadOf(binsOf(bins, String(i)), t?.ttr_sum ?? 0, counts.read),
      range: { from: bounds[i].toISOString(), to: to.toISOString(), tz: range.tz },
      immature: isImmature(to),
    };
  });
}
