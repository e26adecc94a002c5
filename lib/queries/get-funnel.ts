import "server-only";
import type { Db } from "../db/client";
import { rate } from "../metrics/rates";
import { getOverview } from "./get-overview";
import type { Filters } from "./filters";
import type { ViewerScope } from "./scope";

export interface FunnelStep {
  step: "sent" | "delivered" | "read";
  count: number;
  /** Of the step before (null for the first and on a zero denominator). */
  rateOfPrevious: number | null;
  rateOfSent: number | null;
}

/** sent → delivered → read (read is a lower bound), plus the side exits failed and pending. */
export async function getFunnel(db: Db, scope: ViewerScope, filters: Filters, defaultTz: string) {
  const o = await getOverview(db, scope, filters, defaultTz);
  const steps: FunnelStep[] = [
    { step: "sent", count: o.sent, rateOfPrevious: null, rateOfSent: rate(o.sent, o.sent) },
    { step: "delivered", count: o.delivered, rateOfPrevious: rate(o.delivered, o.sent), rateOfSent: rate(o.delivered, o.sent) },
    { step: "read", count: o.read, rateOfPrevious: rate(o.read, o.delivered), rateOfSent: rate(o.read, o.sent) },
  ];
  return { steps, failed: o.failed, pending: o.pending, range: o.range, immature: o.immature };
}
