import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import type { Range, Filters } from "./filters";
import type { ViewerScope } from "./scope";
import { Where } from "./where";

export interface RecentMessage {
  id: string;
  kind: string;
  title: string | null;
  sentAt: Date;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

/** The latest messages sent in the range, with their delivery counts (bounded by `limit`). */
export async function listRecentMessages(db: Db, scope: ViewerScope, f: Filters, range: Range, limit = 20): Promise<RecentMessage[]> {
  const w = new Where(scope, "m");
  w.add("m.sent_at >= ?::timestamptz", range.from.toISOString()).add("m.sent_at < ?::timestamptz", range.to.toISOString());
  w.eq("kind", f.kind, "::text").eq("campaign_id", f.campaignId).eq("source_id", f.source);
  return query(
    db.prisma,
    `SELECT m.id, m.kind::text AS kind, m.title, m.sent_at AS "sentAt",
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id) AS sent,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status IN ('delivered', 'read')) AS delivered,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'read') AS read,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'failed') AS failed
     FROM (SELECT * FROM messages m WHERE ${w} ORDER BY m.sent_at DESC LIMIT ${Math.min(100, limit)}) m
     ORDER BY m.sent_at DESC`,
    w.params,
  );
}
