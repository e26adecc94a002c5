import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { ApiError } from "../api/errors";
import { CANONICAL_TYPES, parseCanonical } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";

// The generic platform: Standard Webhooks signatures over canonical events. The body is one
// canonical event, an array of them, or the Standard Webhooks envelope {type, timestamp, data}.

/** What adapters read of the headers: a request's `Headers`, or a plain copy of them (accept.ts). */
export interface HeaderBag {
  get(name: string): string | null;
}

export interface WebhookRequest {
  body: Buffer;
  headers: HeaderBag;
  /** The full URL the platform called, as it saw it (public base URL, path and query). */
  url: string;
  receivedAt: Date;
}

export interface AdapterResult {
  events: IngestEvent[];
  /** Event kinds we do not track, acknowledged and skipped. */
  ignored: number;
}

export function verifyStandardWebhook(req: WebhookRequest, secrets: string[]): void {
  const headers = {
    "webhook-id": req.headers.get("webhook-id") ?? req.headers.get("svix-id") ?? "",
    "webhook-timestamp": req.headers.get("webhook-timestamp") ?? req.headers.get("svix-timestamp") ?? "",
    "webhook-signature": req.headers.get("webhook-signature") ?? req.headers.get("svix-signature") ?? "",
  };
  let lastError = "no secret configured";
  for (const secret of secrets) {
    try {
      verifierFor(secret).verify(req.body.toString("utf8"), headers, { jsonParse: false });
      return;
    } catch (err) {
      lastError = err instanceof WebhookVerificationError ? err.message : "invalid secret";
    }
  }
  throw new ApiError("unauthorized", `Standard Webhooks signature check failed: ${lastError}.`);
}

// A verifier decodes its secret once; sources are few, so one per secret is kept (bounded anyway).
const verifiers = new Map<string, Webhook>();
function verifierFor(secret: string): Webhook {
  let v = verifiers.get(secret);
  if (!v) {
    if (verifiers.size >= 1_000) verifiers.clear();
    verifiers.set(secret, (v = new Webhook(secret)));
  }
  return v;
}

export function parseGeneric(req: WebhookRequest, secrets: string[]): AdapterResult {
  verifyStandardWebhook(req, secrets);
  return parseGenericEvents(req);
}

/** The events of an already verified (or replayed) request. */
export function parseGenericEvents(req: WebhookRequest): AdapterResult {
  const webhookId = req.headers.get("webhook-id") ?? req.headers.get("svix-id") ?? "";
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch (err) {
    throw new ApiError("bad_request", `The body is not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(body) ? body : [body];
  const events: IngestEvent[] = [];
  let ignored = 0;
  list.forEach((raw, i) => {
    const value = fromEnvelope(raw, list.length === 1 ? webhookId : `${webhookId}:${i}`);
    const type = (value as { type?: unknown })?.type;
    if (typeof type === "string" && !CANONICAL_TYPES.has(type)) return void ignored++;
    const r = parseCanonical(value, req.receivedAt);
    if (!r.ok) throw new ApiError("bad_request", `${Array.isArray(body) ? `event ${i + 1}: ` : ""}${r.message}`);
    events.push(r.event);
  });
  return { events, ignored };
}

/** Unwrap {type, timestamp, data} and default the event id to the webhook id. */
function fromEnvelope(raw: unknown, fallbackId: string): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const o = raw as Record<string, unknown>;
  if (o.data && typeof o.data === "object" && !Array.isArray(o.data)) {
    const { data, timestamp, ...rest } = o;
    return { id: fallbackId, occurredAt: timestamp, ...rest, ...camelAliases(data as Record<string, unknown>) };
  }
  return { id: fallbackId, ...o };
}

// Senders that put snake_case fields in `data` (as the Standard Webhooks examples do).
const ALIASES: Record<string, string> = {
  message_id: "messageId",
  recipient: "recipientId",
  recipient_id: "recipientId",
  conversation_id: "conversationId",
  reader_id: "readerId",
  read_up_to: "readUpTo",
  sender_id: "senderId",
  client_platform: "clientPlatform",
};

function camelAliases(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [ALIASES[k] ?? k, v]));
}
