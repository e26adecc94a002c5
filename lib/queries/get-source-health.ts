import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { listRejectedRequests, type RejectedRequest } from "./list-rejected-requests";
import type { ViewerScope } from "./scope";

export interface SourceHealth {
  source: { id: string; platform: string; name: string; enabled: boolean };
  accepted: number;
  duplicates: number;
  outOfOrder: number;
  /** Receipts parked until their message is known. */
  waiting: number;
  signatureFailures: number;
  parseErrors: number;
  lastEventAt: Date | null;
  lastReceivedAt: Date | null;
  rejected: RejectedRequest[];
}

/** Ingestion health of one source of the viewer's workspace; 404 for any other source. */
export async function getSourceHealth(db: Db, scope: ViewerScope, sourceId: string): Promise<SourceHealth> {
  const source = await db.prisma.source.findFirst({
    where: { id: sourceId, workspaceId: scope.workspaceId },
    select: { id: true, platform: true, name: true, enabled: true },
  });
  if (!source) throw new ApiError("not_found", `No source with id "${sourceId}" in this workspace.`);
  const [[stats], rejected] = await Promise.all([
    query<Omit<SourceHealth, "source" | "rejected">>(
      db.prisma,
      // Counters are kept per commit lane (shard); the source's numbers are their sum.
      `SELECT sum(accepted)::int AS accepted, sum(duplicates)::int AS duplicates, sum(out_of_order)::int AS "outOfOrder",
         sum(waiting)::int AS waiting, sum(signature_failures)::int AS "signatureFailures", sum(parse_errors)::int AS "parseErrors",
         max(last_event_at) AS "lastEventAt", max(last_received_at) AS "lastReceivedAt"
       FROM source_stats WHERE workspace_id = $1 AND source_id = $2 HAVING count(*) > 0`,
      [scope.workspaceId, sourceId],
    ),
    listRejectedRequests(db, scope, sourceId),
  ]);
  const zero = {
    accepted: 0,
    duplicates: 0,
    outOfOrder: 0,
    waiting: 0,
    signatureFailures: 0,
    parseErrors: 0,
    lastEventAt: null,
    lastReceivedAt: null,
  };
  return { source, ...(stats ?? zero), rejected };
}
