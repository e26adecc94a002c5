// The internal, normalised form of every receipt, whatever platform it came from. Adapters and
// the canonical parser produce it; apply-batch consumes it.

export const MESSAGE_KINDS = ["campaign", "announcement", "support", "direct"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type ReceiptKind = "sent" | "delivered" | "read" | "failed";

export interface MessageInfo {
  id: string;
  kind?: MessageKind;
  senderId?: string | null;
  conversationId?: string | null;
  campaignId?: string | null;
  variant?: string | null;
  announcementId?: string | null;
  title?: string | null;
}

interface Base {
  /** Idempotency key: retries and copies of the same event carry the same key. */
  key: string;
  occurredAt: Date;
  /** "received" when the platform gave no event time and occurredAt is our arrival time. */
  timeSource: "platform" | "received";
  /** The raw event as received, kept in the event log. */
  payload: unknown;
  /** The exact JSON text of `payload` when we have it (a batch line), so it is not re-serialised. */
  raw?: string;
}

export type IngestEvent =
  | (Base & { type: "message.sent"; message: MessageInfo; recipientIds: string[]; clientPlatform?: string | null })
  | (Base & {
      type: "message.delivered" | "message.read" | "message.failed";
      messageId: string;
      recipientId: string;
      clientPlatform?: string | null;
      error?: { code: string | null; title: string | null } | null;
    })
  | (Base & { type: "conversation.read"; conversationId: string; readerId: string; readUpTo: Date })
  | (Base & { type: "message.received"; conversationId: string; senderId: string | null });

export const RECEIPT_KIND: Record<"message.delivered" | "message.read" | "message.failed", ReceiptKind> = {
  "message.delivered": "delivered",
  "message.read": "read",
  "message.failed": "failed",
};

/** Platforms report client platforms in many spellings; dashboards split by these five. */
export function normaliseClientPlatform(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (/^(ios|iphone|ipad|ipados)/.test(v)) return "ios";
  if (v.startsWith("android")) return "android";
  if (v === "web" || v.startsWith("browser")) return "web";
  if (/^(desktop|windows|win|mac|macos|osx|linux|pc)/.test(v)) return "desktop";
  return "unknown";
}

/** Work of one event: a group send counts once per recipient. */
export function eventWeight(e: IngestEvent): number {
  return e.type === "message.sent" && e.recipientIds.length > 1 ? e.recipientIds.length : 1;
}

/** Work in a request: the sum of its events' weights. */
export function weight(item: { events: IngestEvent[] }): number {
  let n = 0;
  for (const e of item.events) n += eventWeight(e);
  return n;
}
