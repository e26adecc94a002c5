import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import type { Filters } from "./filters";
import type { ViewerScope } from "./scope";
import { Where } from "./where";

export interface ActivityEvent {
  id: string;
  /** Canonical event type: message.sent | message.delivered | message.read | message.failed | … */
  type: string;
  messageId: string;
  title: string | null;
  kind: string;
  occurredAt: Date;
  receivedAt: Date;
  sourceName: string | null;
}

/**
 * The latest receipts (newest first, duplicates left out). The newest 1,000 events are taken from
 * the event log's primary key first and only then joined and filtered: joining first let the
 * planner walk every message of the workspace (measured 1.4 s on the demo data, now milliseconds).
 * So a very narrow filter may show fewer items than asked for — it is a feed, not a report. No
 * recipient ids: the Overview is seen by roles that may not see who read what (product.md).
 */
export async function listActivity(db: Db, scope: ViewerScope, filters: Filters, limit = 12): Promise<ActivityEvent[]> {
  const w = new Where(scope, "m");
  w.eq("kind", filters.kind, "::text").eq("campaign_id", filters.campaignId).eq("source_id", filters.source);
  const ws = `$${w.params.length + 1}`;
  const rows = await query<ActivityEvent>(
    db.prisma,
    `SELECT e.id::text AS id, e.type, e.message_id AS "messageId", m.title, m.kind::text AS kind,
       e.occurred_at AS "occurredAt", e.received_at AS "receivedAt", s.name AS "sourceName"
     FROM (SELECT * FROM receipt_events WHERE workspace_id = ${ws} AND message_id IS NOT NULL AND outcome <> 'duplicate'
           ORDER BY id DESC LIMIT 1000) e
     JOIN messages m ON m.workspace_id = e.workspace_id AND m.id = e.message_id
     LEFT JOIN sources s ON s.workspace_id = e.workspace_id AND s.id = e.source_id
     WHERE ${w} ORDER BY e.id DESC LIMIT ${Math.min(50, Math.max(1, Math.floor(limit)))}`,
    [...w.params, scope.workspaceId],
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt), receivedAt: new Date(r.receivedAt) }));
}
