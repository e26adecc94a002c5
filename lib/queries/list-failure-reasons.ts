import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { deliveryWhere, resolveRange, type Filters } from "./filters";
import type { ViewerScope } from "./scope";

export interface FailureReason {
  code: string | null;
  title: string | null;
  count: number;
}

/**
 * Failed deliveries by error code, from delivery state (rollups carry no error code). Served by
 * the partial index deliveries_failed_idx, which holds failed deliveries only.
 */
export async function listFailureReasons(
  db: Db,
  scope: ViewerScope,
  filters: Filters,
  defaultTz: string,
  limit = 20,
): Promise<FailureReason[]> {
  const range = filters.from || filters.to || !filters.campaignId ? resolveRange(filters, defaultTz) : null;
  const w = deliveryWhere(scope, filters, range);
  w.add("status = 'failed'");
  return query(
    db.prisma,
    `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count
     FROM deliveries WHERE ${w} GROUP BY error_code ORDER BY count DESC, error_code LIMIT ${Math.min(100, limit)}`,
    w.params,
  );
}
