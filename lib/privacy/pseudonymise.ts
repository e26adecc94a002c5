import { createHmac } from "node:crypto";
import type { IngestEvent } from "../ingest/events";

// Recipient pseudonymisation: people who receive our users' messages (recipients, readers,
// customers writing in) are stored as a keyed hash of their platform id, never in clear. The
// hash is deterministic per workspace, so deliveries, watermarks, campaign analytics and
// rosters still join; without the workspace key it cannot be reversed or recomputed from a
// guessed phone number. Conversation ids are pseudonymised too: several platforms derive them
// from the customer's id (a WhatsApp chat is the customer's number), and we only ever join on
// them. Our own users' ids (message senders = agents) stay in clear: access scopes and per-agent
// reports are built on them. Message, campaign and announcement ids are ours, not a person's.

export const PSEUDONYM_PREFIX = "p_";
/** 128 bits of HMAC-SHA256, base64url: collision-free at any realistic number of recipients. */
const BYTES = 16;

export function pseudonym(key: Buffer, id: string): string {
  // Idempotent: an id that is already a pseudonym (a re-processed log row) is kept as is.
  if (isPseudonym(id)) return id;
  return PSEUDONYM_PREFIX + createHmac("sha256", key).update(id, "utf8").digest().subarray(0, BYTES).toString("base64url");
}

export function isPseudonym(id: string): boolean {
  return id.length === PSEUDONYM_PREFIX.length + 22 && id.startsWith(PSEUDONYM_PREFIX) && /^[A-Za-z0-9_-]+$/.test(id.slice(2));
}

/**
 * The event with every recipient-side id replaced by its pseudonym, and its stored payload
 * replaced by the canonical form of the pseudonymised event: the raw body carries the clear ids
 * (and, for some platforms, more), so it is not kept for a pseudonymising workspace.
 */
export function pseudonymiseEvent(key: Buffer, ev: IngestEvent): IngestEvent {
  const p = (id: string) => pseudonym(key, id);
  let out: IngestEvent;
  switch (ev.type) {
    case "message.sent":
      out = {
        ...ev,
        message: ev.message.conversationId ? { ...ev.message, conversationId: p(ev.message.conversationId) } : ev.message,
        recipientIds: ev.recipientIds.map(p),
      };
      break;
    case "message.delivered":
    case "message.read":
    case "message.failed":
      out = { ...ev, recipientId: p(ev.recipientId) };
      break;
    case "conversation.read":
      out = { ...ev, conversationId: p(ev.conversationId), readerId: p(ev.readerId) };
      break;
    case "message.received":
      out = { ...ev, conversationId: p(ev.conversationId), senderId: ev.senderId === null ? null : p(ev.senderId) };
      break;
  }
  return { ...out, payload: canonicalPayload(out), raw: undefined };
}

/**
 * An event in the canonical format of the public API (docs: api.md) built from the parsed
 * event: only the fields we understand, so it holds no content and can be re-processed.
 */
export function canonicalPayload(ev: IngestEvent): Record<string, unknown> {
  const base = { type: ev.type, id: ev.key, ...(ev.timeSource === "platform" ? { occurredAt: ev.occurredAt.toISOString() } : {}) };
  switch (ev.type) {
    case "message.sent":
      return {
        ...base,
        message: ev.message,
        ...(ev.recipientIds.length === 1 ? { recipientId: ev.recipientIds[0] } : { recipientIds: ev.recipientIds }),
        ...(ev.clientPlatform ? { clientPlatform: ev.clientPlatform } : {}),
      };
    case "message.delivered":
    case "message.read":
    case "message.failed":
      return {
        ...base,
        messageId: ev.messageId,
        recipientId: ev.recipientId,
        ...(ev.clientPlatform ? { clientPlatform: ev.clientPlatform } : {}),
        ...(ev.type === "message.failed" && ev.error ? { error: ev.error } : {}),
      };
    case "conversation.read":
      return { ...base, conversationId: ev.conversationId, readerId: ev.readerId, readUpTo: ev.readUpTo.toISOString() };
    case "message.received":
      return { ...base, conversationId: ev.conversationId, senderId: ev.senderId };
  }
}
