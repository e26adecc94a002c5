import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ViewerScope } from "./scope";
import { Where } from "./where";

export interface FollowUp {
  messageId: string;
  recipientId: string;
  conversationId: string | null;
  agentId: string | null;
  status: string;
  sentAt: Date;
  hoursUnread: number;
}

/**
 * Support answers the customer has not read `hours` after sending (delivered or still pending;
 * failed ones are a different problem), oldest first — the people to call.
 * Served by the partial index deliveries_support_unread_idx on support_unread_at (the cohort time
 * of exactly those deliveries, kept by ingestion).
 */
export async function listUnreadFollowUps(
  db: Db,
  scope: ViewerScope,
  opts: { hours: number; agentId?: string; cursor?: string; limit?: number; now?: Date },
): Promise<{ followUps: FollowUp[]; nextCursor: string | null }> {
  const now = opts.now ?? new Date();
  const w = new Where(scope, "d");
  w.add("d.support_unread_at <= ?::timestamptz", new Date(now.getTime() - opts.hours * 3600_000).toISOString());
  w.eq("sender_id", opts.agentId);
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor);
    w.add("(d.support_unread_at, d.message_id, d.recipient_id) > (?::timestamptz, ?, ?)", c.at, c.m, c.r);
  }
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const rows = await query<Omit<FollowUp, "hoursUnread"> & { iso: string }>(
    db.prisma,
    `SELECT d.message_id AS "messageId", d.recipient_id AS "recipientId", d.conversation_id AS "conversationId",
       d.sender_id AS "agentId", d.status::text AS status, d.cohort_at AS "sentAt",
       to_char(d.support_unread_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS iso
     FROM deliveries d WHERE ${w} ORDER BY d.support_unread_at, d.message_id, d.recipient_id LIMIT ${limit + 1}`,
    w.params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    followUps: page.map(({ iso: _i, ...r }) => ({ ...r, hoursUnread: (now.getTime() - r.sentAt.getTime()) / 3600_000 })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.iso, m: last.messageId, r: last.recipientId }) : null,
  };
}
