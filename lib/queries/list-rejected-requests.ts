import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import type { ViewerScope } from "./scope";

export interface RejectedRequest {
  receivedAt: Date;
  status: number;
  code: string;
  reason: string;
  /** At most a short excerpt of the body, message content removed; never a header. */
  excerpt: string | null;
}

/** The source's last rejected webhook requests, newest first (an empty list for another workspace's source). */
export async function listRejectedRequests(db: Db, scope: ViewerScope, sourceId: string): Promise<RejectedRequest[]> {
  return query<RejectedRequest>(
    db.prisma,
    `SELECT received_at AS "receivedAt", status, code, reason, excerpt FROM rejected_requests
     WHERE workspace_id = $1 AND source_id = $2 ORDER BY id DESC LIMIT 50`,
    [scope.workspaceId, sourceId],
  );
}
