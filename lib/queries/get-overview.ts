import "server-only";
import { query } from "../db/sql";
import type { Db } from "../db/client";
import { rate } from "../metrics/rates";
import { quantileFromBins } from "../metrics/ttr-histogram";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import type { ViewerScope } from "./scope";

export interface Overview {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  deliveryRate: number | null;
  /** read ÷ delivered — a lower bound: recipients can turn read receipts off. */
  readRate: number | null;
  readRateOfSent: number | null;
  timeToRead: { p50: number | null; p90: number | null; mean: number | null };
  range: { from: string; to: string; tz: string };
}

/** Headline numbers for deliveries sent in the range, from the rollups only. */
export async function getOverview(db: Db, scope: ViewerScope, filters: Filters, defaultTz: string): Promise<Overview> {
  const range = resolveRange(filters, defaultTz);
  const w = rollupWhere(scope, filters, range);
  const [totals] = await query<{ sent: number; delivered: number; read: number; failed: number; ttr_sum: number }>(
    db.prisma,
    `SELECT COALESCE(sum(sent), 0)::float8 AS sent, COALESCE(sum(delivered), 0)::float8 AS delivered,
       COALESCE(sum(read), 0)::float8 AS read, COALESCE(sum(failed), 0)::float8 AS failed,
       COALESCE(sum(ttr_sum), 0)::float8 AS ttr_sum
     FROM delivery_rollups WHERE ${w}`,
    w.params,
  );
  const bins = await query<{ bin: number; count: number }>(
    db.prisma,
    `SELECT bin, sum(count)::float8 AS count FROM ttr_rollups WHERE ${w} GROUP BY bin`,
    w.params,
  );
  const { sent, delivered, read, failed } = totals;
  return {
    sent,
    delivered,
    read,
    failed,
    pending: sent - delivered - failed,
    deliveryRate: rate(delivered, sent),
    readRate: rate(read, delivered),
    readRateOfSent: rate(read, sent),
    timeToRead: { p50: quantileFromBins(bins, 0.5), p90: quantileFromBins(bins, 0.9), mean: rate(totals.ttr_sum, read) },
    range: { from: range.from.toISOString(), to: range.to.toISOString(), tz: range.tz },
  };
}
