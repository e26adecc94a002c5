import { rate } from "../metrics/rates";

// The counters every view reports, summed from delivery_rollups, and the rates derived from them.

/** The count columns every count rollup table has, for selecting rows to sum (see grid.ts). */
export const COUNTERS = ["sent", "delivered", "read", "failed", "ttr_sum"];
export const COUNT_COLUMNS = COUNTERS.join(", ");

/** SELECT list over delivery_rollups (alias optional). */
export function countsSql(alias = ""): string {
  const c = (n: string) => (alias ? `${alias}.${n}` : n);
  return `COALESCE(sum(${c("sent")}), 0)::float8 AS sent, COALESCE(sum(${c("delivered")}), 0)::float8 AS delivered,
    COALESCE(sum(${c("read")}), 0)::float8 AS read, COALESCE(sum(${c("failed")}), 0)::float8 AS failed,
    COALESCE(sum(${c("ttr_sum")}), 0)::float8 AS ttr_sum`;
}

export interface CountRow {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  ttr_sum: number;
}

export interface Counts {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  deliveryRate: number | null;
  /** read ÷ delivered — a lower bound: recipients can turn read receipts off. */
  readRate: number | null;
  readRateOfSent: number | null;
}

export function countsOf(r: CountRow | undefined): Counts {
  const sent = r?.sent ?? 0;
  const delivered = r?.delivered ?? 0;
  const read = r?.read ?? 0;
  const failed = r?.failed ?? 0;
  return {
    sent,
    delivered,
    read,
    failed,
    pending: sent - delivered - failed,
    deliveryRate: rate(delivered, sent),
    readRate: rate(read, delivered),
    readRateOfSent: rate(read, sent),
  };
}

/** A "read within 24 h" style number is only fair for cohorts at least this old. */
export const MATURITY_MS = 24 * 3600_000;

export function isImmature(cohortEnd: Date, now = new Date()): boolean {
  return cohortEnd.getTime() > now.getTime() - MATURITY_MS;
}
