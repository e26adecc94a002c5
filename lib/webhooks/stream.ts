import { z } from "zod";
import type { AdapterResult, AdapterSource, PlatformAdapter, WebhookRequest } from "./adapter";
import { canonicalEvent, iso } from "./events";
import { badRequest, hmac, parseJsonBody, requireSignature, unauthorized, withoutContent } from "./verify";

// Stream Chat webhooks (docs/platforms.md §2.5). X-Signature = hex HMAC-SHA256(API secret, raw
// body); X-Webhook-Id is the same on every retry and is the idempotency key. message.read is a
// per-user channel watermark; message.new registers a message to the other channel members.

const readEvent = z.looseObject({
  type: z.literal("message.read"),
  cid: z.string().min(1),
  user: z.looseObject({ id: z.string().min(1) }),
  created_at: z.iso.datetime({ offset: true }),
  last_read_message_id: z.string().nullish(),
  thread: z.unknown().optional(),
});
const newEvent = z.looseObject({
  type: z.literal("message.new"),
  cid: z.string().min(1),
  message: z.looseObject({
    id: z.string().min(1),
    created_at: z.iso.datetime({ offset: true }),
    user: z.looseObject({ id: z.string().min(1) }).optional(),
  }),
  user: z.looseObject({ id: z.string().min(1) }).optional(),
  members: z.array(z.looseObject({ user_id: z.string().optional(), user: z.looseObject({ id: z.string() }).optional() })).optional(),
});

export function verifyStream(req: WebhookRequest, source: AdapterSource): void {
  requireSignature(req.headers.get("x-signature"), "X-Signature", source.secrets, (s) => hmac("sha256", s, req.body, "hex"));
  const apiKey = req.headers.get("x-api-key");
  if (source.appId && apiKey && apiKey !== source.appId) throw unauthorized(`X-Api-Key ${apiKey} is not this source's Stream app.`);
}

function issue(error: z.ZodError): string {
  return `${error.issues[0].path.join(".")}: ${error.issues[0].message}`;
}

export function parseStream(req: WebhookRequest): AdapterResult {
  const body = parseJsonBody(req.body) as { type?: unknown };
  if (!body || typeof body !== "object" || typeof body.type !== "string") throw badRequest("type: required");
  const webhookId = req.headers.get("x-webhook-id");
  if (body.type === "message.read") {
    const p = readEvent.safeParse(body);
    if (!p.success) throw badRequest(issue(p.error));
    // A thread read covers the thread's replies only; deliveries are tracked per channel, so a
    // channel-wide watermark would mark unread channel messages read.
    if (p.data.thread) return { events: [], ignored: 1 };
    const at = new Date(p.data.created_at);
    const event = canonicalEvent(
      {
        type: "conversation.read",
        id: `st:${webhookId ?? `message.read:${p.data.cid}:${p.data.user.id}:${p.data.created_at}`}`,
        occurredAt: iso(at),
        conversationId: p.data.cid,
        readerId: p.data.user.id,
        // mark-read covers every message in the channel up to this moment.
        readUpTo: iso(at),
      },
      req.receivedAt,
      withoutContent(p.data),
      "message.read",
    );
    return { events: [event], ignored: 0 };
  }
  if (body.type === "message.new") {
    const p = newEvent.safeParse(body);
    if (!p.success) throw badRequest(issue(p.error));
    const sender = p.data.message.user?.id ?? p.data.user?.id;
    // members is cut off at 50 and may be absent: then the recipients are unknown.
    const recipients = [
      ...new Set((p.data.members ?? []).map((m) => m.user_id ?? m.user?.id).filter((u): u is string => !!u && u !== sender)),
    ];
    if (!recipients.length) return { events: [], ignored: 1 };
    const event = canonicalEvent(
      {
        type: "message.sent",
        id: `st:${webhookId ?? `message.new:${p.data.message.id}`}`,
        occurredAt: iso(new Date(p.data.message.created_at)),
        message: { id: p.data.message.id, senderId: sender ?? null, conversationId: p.data.cid },
        recipientIds: recipients,
      },
      req.receivedAt,
      withoutContent({
        type: p.data.type,
        cid: p.data.cid,
        message: { id: p.data.message.id, created_at: p.data.message.created_at, user: sender },
      }),
      "message.new",
    );
    return { events: [event], ignored: 0 };
  }
  return { events: [], ignored: 1 };
}

export const stream: PlatformAdapter = {
  contentTypes: ["application/json"],
  verify: verifyStream,
  parse: parseStream,
  replayHeaders: ["x-webhook-id"],
};
