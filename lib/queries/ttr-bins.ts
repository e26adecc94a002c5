import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { rollupWhere, type Filters, type Range } from "./filters";
import { gridSql } from "./grid";
import { ttrTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export interface BinRow {
  bin: number;
  count: number;
}

/**
 * Time-to-read histogram bins for the deliveries `f` selects (sent in `range`; all time when
 * null), grouped by an optional SQL expression over the rollup columns (`cuts`: the boundaries
 * an expression over bucket_start groups by). Workspace-wide questions
 * read the coarsest buckets the range allows (grid.ts), so the answer is exact in any zone.
 */
export async function ttrBins(
  db: Db,
  scope: ViewerScope,
  f: Filters,
  range: Range | null,
  groupBy?: string,
  cuts: Date[] = [],
): Promise<(BinRow & { g: string })[]> {
  const select = `${groupBy ? `(${groupBy})::text` : "''"} AS g, bin`;
  const w = rollupWhere(scope, f, null);
  const from = range
    ? gridSql(ttrTiers(scope, f, groupBy), range, cuts, w, select, ["count"])
    : { sql: `SELECT ${select}, count FROM ttr_rollups WHERE ${w}`, params: w.params };
  return query(
    db.prisma,
    `SELECT g, bin, sum(count)::float8 AS count FROM (${from.sql}) AS b GROUP BY 1, 2 HAVING sum(count) <> 0`,
    from.params,
  );
}

export function binsOf(rows: (BinRow & { g: string })[], g = ""): BinRow[] {
  return rows.filter((r) => r.g === g).map(({ bin, count }) => ({ bin, count }));
}
