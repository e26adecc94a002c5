import "server-only";
import type { Db } from "../db/client";
import { resolveRange, type Filters } from "./filters";
import { overviewsOf, type Overview } from "./get-overview";
import type { ViewerScope } from "./scope";

export interface Kpis {
  current: Overview;
  /** The period of the same length just before. */
  previous: Overview;
  change: {
    /** Relative change of the count (0.1 = +10 %); null when the previous count was 0. */
    sent: number | null;
    /** Differences of rates in fraction points; null when either side has none. */
    deliveryRate: number | null;
    readRate: number | null;
    /** Relative change in seconds. */
    p50: number | null;
    p90: number | null;
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const rel = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (a - b) / b);

/** KPI cards: the overview of the range and of the period before it, and the change. */
export async function getKpis(db: Db, scope: ViewerScope, filters: Filters, defaultTz: string): Promise<Kpis> {
  const range = resolveRange(filters, defaultTz);
  const length = range.to.getTime() - range.from.getTime();
  const both = { ...range, from: new Date(range.from.getTime() - length) };
  const [previous, current] = await overviewsOf(db, scope, filters, both, [range.from]);
  return {
    current,
    previous,
    change: {
      sent: rel(current.sent, previous.sent),
      deliveryRate: diff(current.deliveryRate, previous.deliveryRate),
      readRate: diff(current.readRate, previous.readRate),
      p50: rel(current.timeToRead.p50, previous.timeToRead.p50),
      p90: rel(current.timeToRead.p90, previous.timeToRead.p90),
    },
  };
}
