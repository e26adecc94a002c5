import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";

/** A source as the Sources page lists it: settings that are not secret, and its ingestion counters. */
export interface SourceListRow {
  id: string;
  platform: string;
  name: string;
  enabled: boolean;
  verifyToken: string | null;
  publicBaseUrl: string | null;
  appId: string | null;
  createdAt: Date;
  /** Until when the previous secret is still accepted (a rotation's grace period), if one is. */
  previousSecretUntil: Date | null;
  accepted: number;
  duplicates: number;
  outOfOrder: number;
  waiting: number;
  signatureFailures: number;
  parseErrors: number;
  lastEventAt: Date | null;
  lastReceivedAt: Date | null;
}

/** The workspace's sources (never a secret), oldest first; with `id`, that one source or none. */
export async function listSources(db: Db, workspaceId: string, id?: string): Promise<SourceListRow[]> {
  return query<SourceListRow>(
    db.prisma,
    // Counters are kept per commit lane (shard): a source's numbers are their sum.
    `SELECT s.id, s.platform::text AS platform, s.name, s.enabled, s.verify_token AS "verifyToken",
       s.public_base_url AS "publicBaseUrl", s.app_id AS "appId", s.created_at AS "createdAt",
       CASE WHEN s.previous_secret_until > now() THEN s.previous_secret_until END AS "previousSecretUntil",
       COALESCE(st.accepted, 0)::int AS accepted, COALESCE(st.duplicates, 0)::int AS duplicates,
       COALESCE(st.out_of_order, 0)::int AS "outOfOrder", COALESCE(st.waiting, 0)::int AS waiting,
       COALESCE(st.signature_failures, 0)::int AS "signatureFailures", COALESCE(st.parse_errors, 0)::int AS "parseErrors",
       st.last_event_at AS "lastEventAt", st.last_received_at AS "lastReceivedAt"
     FROM sources s
     LEFT JOIN (
       SELECT source_id, sum(accepted) AS accepted, sum(duplicates) AS duplicates, sum(out_of_order) AS out_of_order,
         sum(waiting) AS waiting, sum(signature_failures) AS signature_failures, sum(parse_errors) AS parse_errors,
         max(last_event_at) AS last_event_at, max(last_received_at) AS last_received_at
       FROM source_stats WHERE workspace_id = $1 GROUP BY source_id
     ) st ON st.source_id = s.id
     WHERE s.workspace_id = $1 AND ($2::text IS NULL OR s.id = $2)
     ORDER BY s.created_at, s.id`,
    [workspaceId, id ?? null],
  );
}
