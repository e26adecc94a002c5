import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { rollupWhere, type Filters, type Range } from "./filters";
import { needsPeople } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export interface BinRow {
  bin: number;
  count: number;
}

const DAY_MS = 86_400_000;
// Columns ttr_rollups_daily does not have: grouping by them needs the 15-minute table.
const FINE_ONLY = /\b(campaign_id|variant|announcement_id|sender_id)\b/;

/**
 * Time-to-read histogram bins for the deliveries `f` selects (sent in `range`), grouped by an
 * optional SQL expression over the rollup columns. Workspace-wide questions take whole UTC days
 * from ttr_rollups_daily and only the range's ragged ends (local midnights in the viewer's zone)
 * from the 15-minute ttr_rollups, so the answer is exact in any zone and reads ~50× fewer rows.
 */
export async function ttrBins(
  db: Db,
  scope: ViewerScope,
  f: Filters,
  range: Range | null,
  groupBy?: string,
): Promise<(BinRow & { g: string })[]> {
  const g = groupBy ? `(${groupBy})::text` : "''";
  const coarse = range && !needsPeople(scope, f) && !f.campaignId && !f.variant && !(groupBy && FINE_ONLY.test(groupBy));
  const parts = (coarse && splitByUtcDays(range)) || [{ table: "ttr_rollups", range }];
  const params: unknown[] = [];
  const selects = parts.map(({ table, range: r }) => {
    const w = rollupWhere(scope, f, r);
    const offset = params.length;
    params.push(...w.params);
    // Each part numbers its parameters from $1: shift them behind the previous parts'.
    return `SELECT ${g} AS g, bin, count FROM ${table} WHERE ${String(w).replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)}`;
  });
  return query(
    db.prisma,
    `SELECT g, bin, sum(count)::float8 AS count FROM (${selects.join(" UNION ALL ")}) AS b GROUP BY 1, 2 HAVING sum(count) <> 0`,
    params,
  );
}

/**
 * `range` cut into its whole UTC days, which ttr_rollups_daily answers, and
 * its ragged ends — a local midnight is rarely a UTC one — which the 15-minute ttr_rollups answer.
 * Null when no whole day fits.
 */
export function splitByUtcDays(range: Range): { table: "ttr_rollups" | "ttr_rollups_daily"; range: Range }[] | null {
  const d0 = Math.ceil(range.from.getTime() / DAY_MS) * DAY_MS;
  const d1 = Math.floor(range.to.getTime() / DAY_MS) * DAY_MS;
  if (d0 >= d1) return null;
  const at = (ms: number) => new Date(ms);
  return [
    ...(range.from.getTime() < d0 ? [{ table: "ttr_rollups" as const, range: { ...range, to: at(d0) } }] : []),
    { table: "ttr_rollups_daily" as const, range: { ...range, from: at(d0), to: at(d1) } },
    ...(d1 < range.to.getTime() ? [{ table: "ttr_rollups" as const, range: { ...range, from: at(d1) } }] : []),
  ];
}

export function binsOf(rows: (BinRow & { g: string })[], g = ""): BinRow[] {
  return rows.filter((r) => r.g === g).map(({ bin, count }) => ({ bin, count }));
}
