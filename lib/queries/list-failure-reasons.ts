import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { deliveryWhere, failedSql, resolveRange, rollupWhere, type Filters } from "./filters";
import { gridSql } from "./grid";
import { failureTiers, needsPeople } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export interface FailureReason {
  code: string | null;
  title: string | null;
  count: number;
}

/**
 * Failed deliveries by error code. Over a range, workspace-wide: from failure_rollups (grid.ts);
 * a campaign or variant over all time: from campaign_failures; a campaign over a range, or
 * people: from delivery state, through the partial indexes that hold failed deliveries only. Titles are the longest-standing of a code's titles (max), as in state.
 */
export async function listFailureReasons(
  db: Db,
  scope: ViewerScope,
  filters: Filters,
  defaultTz: string,
  limit = 20,
): Promise<FailureReason[]> {
  const range = filters.from || filters.to || !filters.campaignId ? resolveRange(filters, defaultTz) : null;
  const top = `ORDER BY count DESC, code LIMIT ${Math.min(100, limit)}`;
  if (range && !needsPeople(scope, filters) && !filters.campaignId && !filters.variant) {
    const from = gridSql(failureTiers(), range, [], rollupWhere(scope, filters, null), "error_code, error_title", ["failed"]);
    // Per code and title first: a title whose failures all turned into deliveries since is gone.
    return query(
      db.prisma,
      `SELECT NULLIF(error_code, '') AS code, NULLIF(max(error_title), '') AS title, sum(n)::int AS count
       FROM (SELECT error_code, error_title, sum(failed) AS n FROM (${from.sql}) AS f GROUP BY 1, 2 HAVING sum(failed) <> 0) AS t
       GROUP BY error_code ${top}`,
      from.params,
    );
  }
  if (!range && !needsPeople(scope, filters)) {
    // A campaign (or variant) all time: its failures by error, whatever the range of its sends.
    const w = rollupWhere(scope, filters, null);
    return query(
      db.prisma,
      `SELECT NULLIF(error_code, '') AS code, NULLIF(max(error_title), '') AS title, sum(n)::int AS count
       FROM (SELECT error_code, error_title, sum(failed) AS n FROM campaign_failures WHERE ${w} GROUP BY 1, 2 HAVING sum(failed) <> 0) AS t
       GROUP BY error_code ${top}`,
      w.params,
    );
  }
  const w = deliveryWhere(scope, filters, range);
  w.add(failedSql());
  return query(
    db.prisma,
    `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count
     FROM deliveries WHERE ${w} GROUP BY error_code ${top}`,
    w.params,
  );
}
