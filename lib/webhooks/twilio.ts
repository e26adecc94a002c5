import type { IngestEvent } from "../ingest/events";
import type { AdapterResult, AdapterSource, PlatformAdapter, WebhookRequest } from "./adapter";
import { canonicalEvent } from "./events";
import { badRequest, hmac, parseJsonBody, safeEqual, sha256Hex, unauthorized } from "./verify";

// Twilio Messaging status callbacks and Conversations onDeliveryUpdated (docs/platforms.md §2.2).
// X-Twilio-Signature = Base64 HMAC-SHA1(auth token, public URL + params sorted by name, each as
// name + decoded value). The URL must be the one Twilio called: behind a proxy that is the
// source's public base URL (or PUBLIC_BASE_URL), not what the server saw.

function mediaType(req: WebhookRequest): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** The string Twilio signs for a form POST: URL, then name + value of each parameter sorted by name. */
export function twilioSignedString(url: string, params: URLSearchParams | null): string {
  if (!params) return url;
  const pairs = [...params.entries()].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return url + pairs.map(([k, v]) => k + v).join("");
}

/** Twilio signs the URL with or without the default port, depending on how it was configured. */
function urlVariants(url: string): string[] {
  const u = new URL(url);
  const port = u.protocol === "https:" ? "443" : "80";
  const origin = `${u.protocol}//${u.host}`;
  if (!u.port) return [url, url.replace(origin, `${u.protocol}//${u.hostname}:${port}`)];
  return u.port === port ? [url, url.replace(origin, `${u.protocol}//${u.hostname}`)] : [url];
}

export function verifyTwilio(req: WebhookRequest, source: AdapterSource): void {
  const presented = req.headers.get("x-twilio-signature")?.trim();
  if (!presented) throw unauthorized("The X-Twilio-Signature header is missing.");
  const json = mediaType(req) === "application/json";
  if (json) {
    // JSON bodies are not in the signed string; Twilio adds their SHA-256 as bodySHA256 instead.
    const declared = new URL(req.url).searchParams.get("bodySHA256");
    if (!declared) throw unauthorized("A JSON body needs the bodySHA256 query parameter Twilio adds.");
    if (!safeEqual(sha256Hex(req.body), declared.toLowerCase())) throw unauthorized("bodySHA256 does not match the body.");
  }
  const params = json ? null : new URLSearchParams(req.body.toString("utf8"));
  const candidates = urlVariants(req.url).map((u) => twilioSignedString(u, params));
  // Webhook Settings may sign the same string with HMAC-SHA256 and their SharedKey (the secret).
  const settings = req.headers.get("x-twilio-webhooks-signature-settings") ?? "";
  const algorithm = /algorithm=HMAC_SHA256/i.test(settings) ? "sha256" : "sha1";
  if (!source.secrets.some((secret) => candidates.some((c) => safeEqual(hmac(algorithm, secret, c, "base64"), presented)))) {
    throw unauthorized(
      `The X-Twilio-Signature does not match the auth token for ${req.url} (behind a proxy, set the source's public base URL to the URL configured in Twilio).`,
    );
  }
}

const MESSAGING = new Map<string, "message.sent" | "message.delivered" | "message.read" | "message.failed">([
  ["sent", "message.sent"],
  ["delivered", "message.delivered"],
  ["read", "message.read"],
  ["failed", "message.failed"],
  ["undelivered", "message.failed"],
  ["canceled", "message.failed"],
]);

const stripChannel = (address: string) => address.replace(/^[a-z]+:/i, "");

export function parseTwilio(req: WebhookRequest): AdapterResult {
  const p: Record<string, string> =
    mediaType(req) === "application/json"
      ? Object.fromEntries(
          Object.entries((parseJsonBody(req.body) ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v == null ? "" : String(v)]),
        )
      : Object.fromEntries(new URLSearchParams(req.body.toString("utf8")));
  // Message bodies (inbound messages, Conversations) are content: never kept.
  delete p.Body;
  const event =
    p.EventType === "onDeliveryUpdated" || p.DeliveryReceiptSid
      ? conversationsReceipt(p, req.receivedAt)
      : messagingStatus(p, req.receivedAt);
  return event ? { events: [event], ignored: 0 } : { events: [], ignored: 1 };
}

function messagingStatus(p: Record<string, string>, receivedAt: Date): IngestEvent | null {
  const sid = p.MessageSid || p.SmsSid;
  if (!sid) throw badRequest("MessageSid: required");
  const status = p.EventType === "READ" ? "read" : (p.MessageStatus || p.SmsStatus || "").toLowerCase();
  const type = MESSAGING.get(status);
  // queued, sending, accepted, scheduled, receiving, received, partially_delivered, and values
  // Twilio adds later: acknowledged, nothing to apply.
  if (!type) return null;
  if (!p.To) throw badRequest("To: required");
  const recipientId = stripChannel(p.To);
  // No event time in Messaging callbacks: the arrival time is used and recorded as such
  // (occurredAt left out). RawDlrDoneDate (SMS only, carrier minutes) stays in the payload.
  const key = `tw:${sid}:${status}${p.ErrorCode ? `:${p.ErrorCode}` : ""}`;
  const where = `MessageSid ${sid}`;
  if (type === "message.sent")
    return canonicalEvent(
      { type, id: key, message: { id: sid, senderId: p.From ? stripChannel(p.From) : null }, recipientId },
      receivedAt,
      p,
      where,
    );
  const error =
    type === "message.failed"
      ? { code: p.ErrorCode || null, title: p.ErrorMessage || p.ChannelStatusMessage || (status === "canceled" ? "canceled" : status) }
      : undefined;
  return canonicalEvent({ type, id: key, messageId: sid, recipientId, ...(error ? { error } : {}) }, receivedAt, p, where);
}

function conversationsReceipt(p: Record<string, string>, receivedAt: Date): IngestEvent | null {
  const status = (p.Status || "").toLowerCase();
  const type = MESSAGING.get(status);
  if (!type) return null;
  for (const f of ["MessageSid", "ParticipantSid", "DeliveryReceiptSid"]) if (!p[f]) throw badRequest(`${f}: required`);
  const occurredAt = p.DateUpdated ? new Date(p.DateUpdated) : null;
  if (occurredAt && Number.isNaN(occurredAt.getTime())) throw badRequest("DateUpdated: not a date");
  const key = `tw:${p.DeliveryReceiptSid}:${status}`;
  const base = { id: key, ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}) };
  const where = `DeliveryReceiptSid ${p.DeliveryReceiptSid}`;
  if (type === "message.sent") {
    const message = { id: p.MessageSid, conversationId: p.ConversationSid || null };
    return canonicalEvent({ ...base, type, message, recipientId: p.ParticipantSid }, receivedAt, p, where);
  }
  const error = type === "message.failed" ? { code: p.ErrorCode || null, title: status } : undefined;
  return canonicalEvent(
    { ...base, type, messageId: p.MessageSid, recipientId: p.ParticipantSid, ...(error ? { error } : {}) },
    receivedAt,
    p,
    where,
  );
}

export const twilio: PlatformAdapter = {
  contentTypes: ["application/x-www-form-urlencoded", "application/json"],
  verify: verifyTwilio,
  parse: parseTwilio,
  replayHeaders: ["content-type"],
};
