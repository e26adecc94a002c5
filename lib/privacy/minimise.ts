import { CANONICAL_TYPES } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";
import { canonicalPayload, pseudonymiseEvent } from "./pseudonymise";

// No message content is ever stored. The event log keeps each receipt's raw payload, and a
// sender may put more in it than we need (a generic event with the message text next to its
// ids, a platform webhook that carries the text of an inbound message). So before storing:
// - canonical events (generic webhooks, the batch API) keep their raw payload only when every
//   field is one the canonical format defines; otherwise the payload stored is the canonical
//   form of the parsed event (allow-list: unknown fields never reach the database);
// - platform payloads (adapters) have every field that carries content removed (deny-list of
//   the content fields of the platforms we support; adapters should not pass them on anyway).

const EVENT_KEYS = new Set([
  "type",
  "id",
  "occurredAt",
  "message",
  "recipientId",
  "recipientIds",
  "clientPlatform",
  "messageId",
  "error",
  "conversationId",
  "readerId",
  "readUpTo",
  "senderId",
]);
const MESSAGE_KEYS = new Set(["id", "kind", "senderId", "conversationId", "campaignId", "variant", "announcementId", "title"]);
const ERROR_KEYS = new Set(["code", "title"]);

/** Content fields of WhatsApp, Twilio, Sendbird, Tencent Cloud IM and Stream payloads (lower-case). */
const CONTENT_KEYS = new Set([
  "text",
  "body",
  "content",
  "caption",
  "html",
  "mml",
  "attachments",
  "media",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "msgbody",
  "msgcontent",
  "cloudcustomdata",
  "mediaurl0",
]);

function onlyKeys(o: unknown, allowed: Set<string>): boolean {
  if (o === null || o === undefined) return true;
  if (typeof o !== "object" || Array.isArray(o)) return false;
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

export function isCanonicalShape(payload: unknown): payload is Record<string, unknown> {
  return (
    !!payload &&
    typeof payload === "object" &&
    !Array.isArray(payload) &&
    CANONICAL_TYPES.has((payload as { type?: unknown }).type as string)
  );
}

function onlyCanonicalFields(p: Record<string, unknown>): boolean {
  for (const k in p) if (!EVENT_KEYS.has(k)) return false;
  return onlyKeys(p.message, MESSAGE_KEYS) && onlyKeys(p.error, ERROR_KEYS);
}

/** Removes content fields at any depth (a copy; the input is not modified). */
export function withoutContent(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => withoutContent(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!CONTENT_KEYS.has(k.toLowerCase())) out[k] = withoutContent(v, depth + 1);
  return out;
}

/** The event as it may be stored: the same facts, a payload without content. */
export function minimiseEvent(ev: IngestEvent): IngestEvent {
  const p = ev.payload;
  if (isCanonicalShape(p)) {
    // The common case costs a few key lookups and keeps the exact raw text.
    if (onlyCanonicalFields(p)) return ev;
    return { ...ev, payload: canonicalPayload(ev), raw: undefined };
  }
  return { ...ev, payload: withoutContent(p), raw: undefined };
}

/**
 * The one place where privacy rules meet ingestion: events as they may be stored — no message
 * content, and with a pseudonym key (a pseudonymising workspace) recipient-side ids replaced by
 * their pseudonyms and the raw payload by the pseudonymised canonical event.
 */
export function storableEvents(events: IngestEvent[], pseudonymKey: Buffer | null): IngestEvent[] {
  return pseudonymKey ? events.map((e) => pseudonymiseEvent(pseudonymKey, e)) : events.map(minimiseEvent);
}
