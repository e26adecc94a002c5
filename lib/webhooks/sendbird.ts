import { z } from "zod";
import type { IngestEvent } from "../ingest/events";
import type { AdapterResult, AdapterSource, PlatformAdapter, WebhookRequest } from "./adapter";
import { canonicalEvent, iso } from "./events";
import { badRequest, fromEpoch, hmac, parseJsonBody, requireSignature, unauthorized, withoutContent } from "./verify";

// Sendbird Platform API webhooks (docs/platforms.md §2.3). Hex HMAC-SHA256 of the master API
// token over the raw body; the body escapes slashes and non-ASCII, so only the raw bytes verify.
// Reads come as a channel watermark per user (no delivery webhook exists); sends register
// messages with one delivery per other channel member.

const readEvent = z.looseObject({
  channel: z.looseObject({ channel_url: z.string().min(1) }),
  read_updates: z.array(z.looseObject({ user_id: z.string().min(1), read_ts: z.number() })).default([]),
});
const sendEvent = z.looseObject({
  channel: z.looseObject({ channel_url: z.string().min(1) }),
  sender: z.looseObject({ user_id: z.string().min(1) }),
  members: z.array(z.looseObject({ user_id: z.string().min(1) })).optional(),
  payload: z.looseObject({ message_id: z.union([z.number(), z.string()]), created_at: z.number() }),
});

export function verifySendbird(req: WebhookRequest, source: AdapterSource): void {
  const presented = req.headers.get("x-sendbird-signature") ?? req.headers.get("x-signature");
  requireSignature(presented, "x-sendbird-signature", source.secrets, (s) => hmac("sha256", s, req.body, "hex"));
}

export function parseSendbird(req: WebhookRequest, source: AdapterSource): AdapterResult {
  const body = parseJsonBody(req.body) as { category?: unknown; app_id?: unknown };
  if (!body || typeof body !== "object" || typeof body.category !== "string") throw badRequest("category: required");
  if (source.appId && typeof body.app_id === "string" && body.app_id !== source.appId) {
    throw unauthorized(`app_id ${body.app_id} is not this source's Sendbird application.`);
  }
  if (body.category === "group_channel:message_read") return reads(body, req.receivedAt);
  if (body.category === "group_channel:message_send") return send(body, req.receivedAt);
  return { events: [], ignored: 1 };
}

function issue(error: z.ZodError): string {
  return `${error.issues[0].path.join(".")}: ${error.issues[0].message}`;
}

function reads(body: unknown, receivedAt: Date): AdapterResult {
  const p = readEvent.safeParse(body);
  if (!p.success) throw badRequest(issue(p.error));
  const channel = p.data.channel.channel_url;
  const events = p.data.read_updates.map((u, i): IngestEvent => {
    const at = fromEpoch(u.read_ts, "ms");
    if (!at) throw badRequest(`read_updates[${i}].read_ts: not Unix milliseconds`);
    // Everything in the channel created at or before read_ts is read by the user.
    return canonicalEvent(
      {
        type: "conversation.read",
        id: `sb:group_channel:message_read:${channel}:${u.user_id}:${u.read_ts}`,
        occurredAt: iso(at),
        conversationId: channel,
        readerId: u.user_id,
        readUpTo: iso(at),
      },
      receivedAt,
      {
        category: "group_channel:message_read",
        channel: p.data.channel,
        read_update: u,
        app_id: (body as { app_id?: unknown }).app_id ?? null,
      },
      `read_updates[${i}]`,
    );
  });
  return { events, ignored: 0 };
}

function send(body: unknown, receivedAt: Date): AdapterResult {
  const p = sendEvent.safeParse(body);
  if (!p.success) throw badRequest(issue(p.error));
  const sender = p.data.sender.user_id;
  // Members are included only when "Include member information" is on in Sendbird's console.
  const recipients = [...new Set((p.data.members ?? []).map((m) => m.user_id).filter((u) => u !== sender))];
  if (!recipients.length) return { events: [], ignored: 1 };
  const at = fromEpoch(p.data.payload.created_at, "ms");
  if (!at) throw badRequest("payload.created_at: not Unix milliseconds");
  const messageId = String(p.data.payload.message_id);
  const { message: _content, ...payloadWithoutText } = p.data.payload as Record<string, unknown>;
  void _content;
  const event = canonicalEvent(
    {
      type: "message.sent",
      id: `sb:group_channel:message_send:${messageId}`,
      occurredAt: iso(at),
      message: { id: messageId, senderId: sender, conversationId: p.data.channel.channel_url },
      recipientIds: recipients,
    },
    receivedAt,
    withoutContent({ category: "group_channel:message_send", channel: p.data.channel, sender: p.data.sender, payload: payloadWithoutText }),
    "group_channel:message_send",
  );
  return { events: [event], ignored: 0 };
}

export const sendbird: PlatformAdapter = {
  contentTypes: ["application/json"],
  verify: verifySendbird,
  parse: parseSendbird,
};
