import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { COUNT_COLUMNS, countsOf, countsSql, isImmature, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { bucketGrid, localBucketSql, type Unit } from "./local-buckets";
import { gridSql } from "./grid";
import { countTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";

const MAX_HOUR_RANGE_DAYS = 93;

export interface TimeseriesBucket extends Counts {
  /** Local midnight / hour start, ISO with the offset in force then. */
  start: string;
  /** Sent less than 24 h ago: read numbers still growing. */
  immature: boolean;
}

/** Counts by send-time bucket (local hours or days in the range's zone), empty buckets included. */
export async function getTimeseries(
  db: Db,
  scope: ViewerScope,
  filters: Filters & { unit?: Unit },
  defaultTz: string,
  now = new Date(),
): Promise<{ unit: Unit; tz: string; buckets: TimeseriesBucket[] }> {
  const unit = filters.unit ?? "day";
  const range = resolveRange(filters, defaultTz, now);
  if (unit === "hour" && range.to.getTime() - range.from.getTime() > MAX_HOUR_RANGE_DAYS * 86400_000)
    throw new ApiError("bad_request", `unit=hour covers at most ${MAX_HOUR_RANGE_DAYS} days; use unit=day for longer ranges.`);
  const grid = bucketGrid(unit, range.from, range.to, range.tz);
  // Local bucket boundaries cut the coarse rollup buckets: each row then lies in one local bucket.
  const from = gridSql(
    countTiers(scope, filters),
    range,
    grid.map((b) => b.end),
    rollupWhere(scope, filters, null),
    `bucket_start, ${COUNT_COLUMNS}`,
  );
  const tzParam = `$${from.params.push(range.tz)}`;
  const rows = await query<CountRow & { k: string }>(
    db.prisma,
    `SELECT ${localBucketSql(unit, "bucket_start", `${tzParam}::text`)} AS k, ${countsSql()} FROM (${from.sql}) AS r GROUP BY 1`,
    from.params,
  );
  const byKey = new Map(rows.map((r) => [r.k, r]));
  const buckets = grid.map((b) => ({
    start: b.start,
    ...countsOf(byKey.get(b.key)),
    immature: isImmature(b.end, now),
  }));
  return { unit, tz: range.tz, buckets };
}
