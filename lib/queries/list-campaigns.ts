import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { countsOf, countsSql, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { countsTable, needsPeople } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export const campaignSortSchema = z.enum([
  "sent",
  "delivered",
  "read",
  "failed",
  "pending",
  "deliveryRate",
  "readRate",
  "firstSentAt",
  "title",
]);
export type CampaignSort = z.infer<typeof campaignSortSchema>;

export interface CampaignRow extends Counts {
  id: string;
  title: string | null;
  firstSentAt: Date;
  lastSentAt: Date;
}

/**
 * Campaigns with deliveries sent in the range (default: all time, since a campaign table is
 * a catalogue), sorted; rates null on zero denominators so they sort last.
 */
export async function listCampaigns(
  db: Db,
  scope: ViewerScope,
  filters: Filters & { sort?: CampaignSort; order?: "asc" | "desc"; search?: string },
  defaultTz: string,
): Promise<CampaignRow[]> {
  const range = filters.from || filters.to ? resolveRange(filters, defaultTz) : null;
  const f = { ...filters, kind: "campaign" as const };
  const w = rollupWhere(scope, f, range, "r");
  w.add("r.campaign_id <> ''");
  // All time, workspace-wide: campaign_totals (a few rows per campaign); else the 15-minute rows.
  const allTime = !range && !needsPeople(scope, f);
  const first = allTime ? "min(r.first_at)" : "min(r.bucket_start)";
  const last = allTime ? "max(r.last_at)" : "max(r.bucket_start)";
  const rows = await query<CountRow & { id: string; title: string | null; first: Date; last: Date }>(
    db.prisma,
    // Summed first, titled after: joining every rollup row to its campaign cost more than the sums.
    `SELECT a.*, c.title FROM (
       SELECT r.campaign_id AS id, ${first} AS first, ${last} AS last, ${countsSql("r")}
       FROM ${allTime ? "campaign_totals" : countsTable(scope, f)} r WHERE ${w} GROUP BY r.campaign_id
     ) AS a LEFT JOIN campaigns c ON c.workspace_id = $1 AND c.id = a.id`,
    w.params,
  );
  // Title search is a substring match on the few hundred rows a workspace has, not worth SQL.
  const needle = filters.search?.trim().toLocaleLowerCase();
  const list = rows
    .map((r) => ({ id: r.id, title: r.title, firstSentAt: r.first, lastSentAt: r.last, ...countsOf(r) }))
    .filter((c) => !needle || c.id.toLocaleLowerCase().includes(needle) || (c.title ?? "").toLocaleLowerCase().includes(needle));
  const sort = filters.sort ?? "firstSentAt";
  const dir = (filters.order ?? (sort === "title" ? "asc" : "desc")) === "asc" ? 1 : -1;
  const key = (c: CampaignRow): number | string | null =>
    sort === "title" ? (c.title ?? c.id) : sort === "firstSentAt" ? c.firstSentAt.getTime() : c[sort];
  return list.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id)) * dir;
  });
}
