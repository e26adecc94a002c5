import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { isoInTz } from "../serialize";
import type { ViewerScope } from "./scope";
import { Where } from "./where";

export interface MessageDetail {
  id: string;
  kind: string;
  title: string | null;
  senderId: string | null;
  conversationId: string | null;
  campaignId: string | null;
  variant: string | null;
  announcementId: string | null;
  sourceId: string | null;
  sentAt: string | null;
  deliveries: {
    recipientId: string;
    status: string;
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
    failedAt: string | null;
    readByWatermark: boolean;
    clientPlatform: string | null;
    error: { code: string | null; title: string | null } | null;
  }[];
  history: {
    eventId: string;
    type: string;
    recipientId: string | null;
    occurredAt: string | null;
    receivedAt: string | null;
    timeSource: string;
    outcome: string;
    sourceId: string | null;
    payload: unknown;
  }[];
}

const MAX_DELIVERIES = 5_000;

/** One message, its deliveries and its full status history from the event log. */
export async function getMessage(db: Db, scope: ViewerScope, id: string, tz = "UTC"): Promise<MessageDetail> {
  const w = new Where(scope).eq("id", id);
  const [m] = await query<Record<string, string | Date | null>>(
    db.prisma,
    `SELECT id, kind::text AS kind, title, sender_id, conversation_id, campaign_id, variant, announcement_id, source_id, sent_at
     FROM messages WHERE ${w}`,
    w.params,
  );
  if (!m) throw new ApiError("not_found", `No message "${id}" that you may see.`);
  const deliveries = await query<Record<string, string | Date | boolean | null>>(
    db.prisma,
    `SELECT recipient_id, status::text AS status, sent_at, delivered_at, read_at, failed_at, read_by_watermark,
       client_platform, error_code, error_title
     FROM deliveries WHERE workspace_id = $1 AND message_id = $2 ORDER BY recipient_id LIMIT ${MAX_DELIVERIES}`,
    [scope.workspaceId, id],
  );
  // Per-message receipts, plus the conversation watermarks that may have marked it read.
  const history = await query<Record<string, string | Date | null | unknown>>(
    db.prisma,
    `SELECT idempotency_key, type, recipient_id, occurred_at, received_at, time_source, outcome::text AS outcome, source_id, payload
     FROM receipt_events
     WHERE workspace_id = $1 AND (message_id = $2
       OR ($3::text IS NOT NULL AND type = 'conversation.read' AND conversation_id = $3
           AND COALESCE((payload->>'readUpTo')::timestamptz, occurred_at) >= $4::timestamptz
           AND recipient_id IN (SELECT recipient_id FROM deliveries WHERE workspace_id = $1 AND message_id = $2)))
     ORDER BY occurred_at, id LIMIT 10000`,
    [scope.workspaceId, id, m.conversation_id, (m.sent_at as Date).toISOString()],
  );
  const t = (v: unknown) => isoInTz(v as Date | null, tz);
  return {
    id: m.id as string,
    kind: m.kind as string,
    title: m.title as string | null,
    senderId: m.sender_id as string | null,
    conversationId: m.conversation_id as string | null,
    campaignId: m.campaign_id as string | null,
    variant: m.variant as string | null,
    announcementId: m.announcement_id as string | null,
    sourceId: m.source_id as string | null,
    sentAt: t(m.sent_at),
    deliveries: deliveries.map((d) => ({
      recipientId: d.recipient_id as string,
      status: d.status as string,
      sentAt: t(d.sent_at),
      deliveredAt: t(d.delivered_at),
      readAt: t(d.read_at),
      failedAt: t(d.failed_at),
      readByWatermark: d.read_by_watermark as boolean,
      clientPlatform: d.client_platform as string | null,
      error: d.failed_at ? { code: d.error_code as string | null, title: d.error_title as string | null } : null,
    })),
    history: history.map((h) => ({
      eventId: h.idempotency_key as string,
      type: h.type as string,
      recipientId: h.recipient_id as string | null,
      occurredAt: t(h.occurred_at),
      receivedAt: t(h.received_at),
      timeSource: h.time_source as string,
      outcome: h.outcome as string,
      sourceId: h.source_id as string | null,
      payload: h.payload,
    })),
  };
}
