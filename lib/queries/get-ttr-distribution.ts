import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { cumulativeCurve, productDistribution, type CurvePoint, type DistributionBin } from "../metrics/ttr-distribution";
import { MATURITY_MS } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { gridSql } from "./grid";
import { countTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { binsOf, ttrBins } from "./ttr-bins";

export interface TtrDistribution {
  timeToRead: TimeToRead;
  read: number;
  /** Product bins (<5 min … >24 h) with their exact edges in seconds. */
  bins: DistributionBin[];
  /**
   * "% of delivered read within t", over mature cohorts only (sent at least 24 h before now),
   * so recent sends do not drag the curve down. A lower bound, like every read rate.
   */
  curve: CurvePoint[];
  curveCohortsBefore: string;
  curveDelivered: number;
}

export async function getTtrDistribution(
  db: Db,
  scope: ViewerScope,
  filters: Filters,
  defaultTz: string,
  now = new Date(),
): Promise<TtrDistribution> {
  const range = resolveRange(filters, defaultTz, now);
  const matureBefore = new Date(Math.min(range.to.getTime(), Math.floor((now.getTime() - MATURITY_MS) / 900_000) * 900_000));
  const matureRange = { ...range, to: new Date(Math.max(matureBefore.getTime(), range.from.getTime())) };
  // The maturity cut-off is a boundary: every row read lies wholly before or after it.
  const rows = gridSql(
    countTiers(scope, filters),
    range,
    [matureBefore],
    rollupWhere(scope, filters, null),
    "bucket_start, read, ttr_sum, delivered",
  );
  const [bins, matureBins, totals] = await Promise.all([
    ttrBins(db, scope, filters, range),
    ttrBins(db, scope, filters, matureRange),
    query<{ read: number; ttr_sum: number; mature_delivered: number }>(
      db.prisma,
      `SELECT COALESCE(sum(read), 0)::float8 AS read, COALESCE(sum(ttr_sum), 0)::float8 AS ttr_sum,
         COALESCE(sum(delivered) FILTER (WHERE bucket_start < $${rows.params.length + 1}::timestamptz), 0)::float8 AS mature_delivered
       FROM (${rows.sql}) AS r`,
      [...rows.params, matureBefore.toISOString()],
    ),
  ]);
  const t = totals[0];
  return {
    timeToRead: timeToReadOf(binsOf(bins), t.ttr_sum, t.read),
    read: t.read,
    bins: productDistribution(binsOf(bins)),
    curve: cumulativeCurve(binsOf(matureBins), t.mature_delivered),
    curveCohortsBefore: matureBefore.toISOString(),
    curveDelivered: t.mature_delivered,
  };
}
