import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { twoProportionTest, verdict, wilsonInterval } from "../metrics/significance";
import { countsOf, countsSql, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { countsTable } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { binsOf, ttrBins } from "./ttr-bins";

export interface VariantStats extends Counts {
  variant: string;
  readRateCi: [number, number] | null;
  timeToRead: TimeToRead;
}

export interface CampaignDetail extends Counts {
  id: string;
  title: string | null;
  readRateCi: [number, number] | null;
  timeToRead: TimeToRead;
  variants: VariantStats[];
  /** Every pair of variants: difference = readRate(b) − readRate(a), pooled two-proportion z-test. */
  comparisons: { a: string; b: string; difference: number; pValue: number; significant: boolean; verdict: string }[];
}

/** A campaign's counters, variants with 95% Wilson intervals and pairwise significance. */
export async function getCampaign(db: Db, scope: ViewerScope, id: string, filters: Filters, defaultTz: string): Promise<CampaignDetail> {
  const range = filters.from || filters.to ? resolveRange(filters, defaultTz) : null;
  const f = { ...filters, campaignId: id, variant: undefined };
  const w = rollupWhere(scope, f, range);
  const [rows, bins, meta] = await Promise.all([
    query<CountRow & { g: string }>(
      db.prisma,
      `SELECT variant AS g, ${countsSql()} FROM ${countsTable(scope, f)} WHERE ${w} GROUP BY 1`,
      w.params,
    ),
    ttrBins(db, scope, f, range, "variant"),
    query<{ title: string | null }>(db.prisma, `SELECT title FROM campaigns WHERE workspace_id = $1 AND id = $2`, [scope.workspaceId, id]),
  ]);
  if (rows.length === 0 && meta.length === 0) throw new ApiError("not_found", `No campaign "${id}" that you may see.`);
  const total: CountRow = { sent: 0, delivered: 0, read: 0, failed: 0, ttr_sum: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof CountRow)[]) total[k] += r[k];
  const allBins = new Map<number, number>();
  for (const b of bins) allBins.set(b.bin, (allBins.get(b.bin) ?? 0) + b.count);
  const counts = countsOf(total);
  const variants = rows
    .map((r) => {
      const c = countsOf(r);
      return {
        variant: r.g,
        ...c,
        readRateCi: wilsonInterval(c.read, c.delivered),
        timeToRead: timeToReadOf(binsOf(bins, r.g), r.ttr_sum, c.read),
      };
    })
    .sort((a, b) => a.variant.localeCompare(b.variant));
  const comparisons = [];
  for (let i = 0; i < variants.length; i++)
    for (let j = i + 1; j < variants.length; j++) {
      const [a, b] = [variants[i], variants[j]];
      const t = twoProportionTest(a.read, a.delivered, b.read, b.delivered);
      if (!t) continue;
      const label = (v: string) => (v === "" ? "no variant" : `variant ${v}`);
      comparisons.push({
        a: a.variant,
        b: b.variant,
        difference: t.difference,
        pValue: t.pValue,
        significant: t.significant,
        verdict: verdict({ label: label(a.variant), rate: a.readRate }, { label: label(b.variant), rate: b.readRate }, t),
      });
    }
  return {
    id,
    title: meta[0]?.title ?? null,
    ...counts,
    readRateCi: wilsonInterval(counts.read, counts.delivered),
    timeToRead: timeToReadOf(
      [...allBins].map(([bin, count]) => ({ bin, count })),
      total.ttr_sum,
      counts.read,
    ),
    variants,
    comparisons,
  };
}

/**
 * The campaign's title if the viewer may see it (null when it has none), undefined when it does
 * not exist for them: the page's 404 and its heading before the numbers arrive.
 */
export async function findCampaignTitle(db: Db, scope: ViewerScope, id: string): Promise<string | null | undefined> {
  const w = rollupWhere(scope, { campaignId: id }, null);
  const seen = await query<{ one: number }>(db.prisma, `SELECT 1 AS one FROM delivery_rollups WHERE ${w} LIMIT 1`, w.params);
  if (seen.length === 0) return undefined;
  const [meta] = await query<{ title: string | null }>(db.prisma, `SELECT title FROM campaigns WHERE workspace_id = $1 AND id = $2`, [
    scope.workspaceId,
    id,
  ]);
  return meta?.title ?? null;
}
