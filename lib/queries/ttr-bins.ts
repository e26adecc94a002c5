import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import type { Where } from "./where";

export interface BinRow {
  bin: number;
  count: number;
}

/** Time-to-read histogram bins from ttr_rollups, grouped by an optional dimension column. */
export async function ttrBins(db: Db, w: Where, groupBy?: string): Promise<(BinRow & { g: string })[]> {
  const g = groupBy ? `(${groupBy})::text` : "''";
  return query(
    db.prisma,
    `SELECT ${g} AS g, bin, sum(count)::float8 AS count FROM ttr_rollups WHERE ${w} GROUP BY 1, 2 HAVING sum(count) <> 0`,
    w.params,
  );
}

export function binsOf(rows: (BinRow & { g: string })[], g = ""): BinRow[] {
  return rows.filter((r) => r.g === g).map(({ bin, count }) => ({ bin, count }));
}
