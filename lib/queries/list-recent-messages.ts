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
  senderId: string | null;
  sentAt: Date;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

/** "Has at least one delivery counted by this number" (the drill-down statuses of list-deliveries). */
const STATUS_SQL: Record<string, string> = {
  sent: "TRUE",
  delivered: "d.status IN ('delivered', 'read')",
  read: "d.status = 'read'",
  failed: "d.status = 'failed'",
  pending: "d.status = 'sent'",
  unread: "d.status = 'delivered'",
};

export interface RecentMessageOptions {
  /** Part of the message id (case-insensitive). */
  q?: string;
  status?: keyof typeof STATUS_SQL;
}

/** The latest messages sent in the range, with their delivery counts (bounded by `limit`). */
export async function listRecentMessages(
  db: Db,
  scope: ViewerScope,
  f: Filters,
  range: Range,
  limit = 20,
  opts: RecentMessageOptions = {},
): Promise<RecentMessage[]> {
  const w = new Where(scope, "m");
  w.add("m.sent_at >= ?::timestamptz", range.from.toISOString()).add("m.sent_at < ?::timestamptz", range.to.toISOString());
  w.eq("kind", f.kind, "::text").eq("campaign_id", f.campaignId).eq("source_id", f.source).eq("sender_id", f.senderId);
  // LIKE's own wildcards in the search are matched literally.
  if (opts.q) w.add(`m.id ILIKE ? ESCAPE '\\'`, `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (opts.status)
    w.add(
      `EXISTS (SELECT 1 FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND ${STATUS_SQL[opts.status]})`,
    );
  return query(
    db.prisma,
    `SELECT m.id, m.kind::text AS kind, m.title, m.sender_id AS "senderId", m.sent_at AS "sentAt",
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id) AS sent,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status IN ('delivered', 'read')) AS delivered,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'read') AS read,
       (SELECT count(*)::int FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'failed') AS failed
     FROM (SELECT * FROM messages m WHERE ${w} ORDER BY m.sent_at DESC, m.id LIMIT ${Math.min(100, Math.max(1, limit))}) m
     ORDER BY m.sent_at DESC, m.id`,
    w.params,
  );
}
