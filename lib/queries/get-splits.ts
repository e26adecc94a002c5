import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { COUNTERS, countsOf, countsSql, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { gridSql } from "./grid";
import { countTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { binsOf, ttrBins } from "./ttr-bins";

export type SplitDimension = "source" | "clientPlatform";

const COLUMN: Record<SplitDimension, string> = { source: "source_id", clientPlatform: "client_platform" };

export interface SplitRow extends Counts {
  /** Source id or client platform; "unknown" when not reported. */
  value: string;
  timeToRead: TimeToRead;
}

/** Every metric split by IM platform source or by client platform, so reporting gaps show. */
export async function getSplits(db: Db, scope: ViewerScope, filters: Filters, by: SplitDimension, defaultTz: string): Promise<SplitRow[]> {
  const range = resolveRange(filters, defaultTz);
  // '' (not reported) and an unrecognised platform both read as "unknown".
  const col = by === "clientPlatform" ? `CASE WHEN client_platform IN ('', 'unknown') THEN 'unknown' ELSE client_platform END` : COLUMN[by];
  const from = gridSql(countTiers(scope, filters), range, [], rollupWhere(scope, filters, null), `${col} AS g`, COUNTERS);
  const [rows, bins] = await Promise.all([
    query<CountRow & { g: string }>(db.prisma, `SELECT g, ${countsSql()} FROM (${from.sql}) AS r GROUP BY 1`, from.params),
    ttrBins(db, scope, filters, range, col),
  ]);
  return rows
    .map((r) => {
      const c = countsOf(r);
      return { value: r.g === "" ? "unknown" : r.g, ...c, timeToRead: timeToReadOf(binsOf(bins, r.g), r.ttr_sum, c.read) };
    })
    .sort((a, b) => b.sent - a.sent || a.value.localeCompare(b.value));
}
