import "server-only";
import { query } from "../db/sql";
import type { Db } from "../db/client";
import { COUNT_COLUMNS, countsOf, countsSql, isImmature, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { gridSql } from "./grid";
import { countTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { binsOf, ttrBins } from "./ttr-bins";

export interface Overview extends Counts {
  timeToRead: TimeToRead;
  range: { from: string; to: string; tz: string };
  /** Part of the range was sent less than 24 h ago: its read numbers are still growing. */
  immature: boolean;
}

/** Headline numbers for deliveries sent in the range, from the rollups only. */
export async function getOverview(db: Db, scope: ViewerScope, filters: Filters, defaultTz: string): Promise<Overview> {
  const range = resolveRange(filters, defaultTz);
  const rows = gridSql(countTiers(scope, filters), range, [], rollupWhere(scope, filters, null), COUNT_COLUMNS);
  const [[totals], bins] = await Promise.all([
    query<CountRow>(db.prisma, `SELECT ${countsSql()} FROM (${rows.sql}) AS r`, rows.params),
    ttrBins(db, scope, filters, range),
  ]);
  const counts = countsOf(totals);
  return {
    ...counts,
    timeToRead: timeToReadOf(binsOf(bins), totals?.ttr_sum ?? 0, counts.read),
    range: { from: range.from.toISOString(), to: range.to.toISOString(), tz: range.tz },
    immature: isImmature(range.to),
  };
}
