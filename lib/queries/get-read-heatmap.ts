import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { rate } from "../metrics/rates";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { countsTable } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export interface HeatCell {
  /** ISO weekday of the local send time: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local hour of the send time, 0–23. */
  hour: number;
  sent: number;
  delivered: number;
  read: number;
  readRate: number | null;
}

/** Read rate by local send hour × weekday (best send time), in the range's zone; all 168 cells. */
export async function getReadHeatmap(
  db: Db,
  scope: ViewerScope,
  filters: Filters,
  defaultTz: string,
): Promise<{ tz: string; cells: HeatCell[] }> {
  const range = filters.from || filters.to || !filters.campaignId ? resolveRange(filters, defaultTz) : null;
  const tz = filters.tz ?? defaultTz;
  const w = rollupWhere(scope, filters, range);
  const p = `$${w.params.push(tz)}::text`;
  const rows = await query<{ dow: number; hour: number; sent: number; delivered: number; read: number }>(
    db.prisma,
    `SELECT extract(isodow FROM bucket_start AT TIME ZONE ${p})::int AS dow, extract(hour FROM bucket_start AT TIME ZONE ${p})::int AS hour,
       sum(sent)::float8 AS sent, sum(delivered)::float8 AS delivered, sum(read)::float8 AS read
     FROM ${countsTable(scope, filters)} WHERE ${w} GROUP BY 1, 2`,
    w.params,
  );
  const at = new Map(rows.map((r) => [`${r.dow}:${r.hour}`, r]));
  const cells: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const r = at.get(`${weekday}:${hour}`);
      const [sent, delivered, read] = [r?.sent ?? 0, r?.delivered ?? 0, r?.read ?? 0];
      cells.push({ weekday, hour, sent, delivered, read, readRate: rate(read, delivered) });
    }
  return { tz, cells };
}
