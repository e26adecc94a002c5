import { z } from "zod";
import type { IngestEvent } from "../ingest/events";
import type { AdapterResult, AdapterSource, PlatformAdapter, WebhookRequest } from "./adapter";
import { canonicalEvent, iso } from "./events";
import { badRequest, fromEpoch, hmac, parseJsonBody, requireSignature, withoutContent } from "./verify";

// WhatsApp Cloud API (docs/platforms.md §2.1). Signed with HMAC-SHA256 of the app secret over the
// exact bytes received: the platform escapes non-ASCII as \uXXXX, so re-serialised JSON would
// not verify. One POST can carry many entries × changes × statuses.

const status = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.union([z.string(), z.number()]),
  recipient_id: z.string().optional(),
  recipient_type: z.string().optional(),
  recipient_participant_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.union([z.number(), z.string()]).optional(), title: z.string().optional() })).optional(),
});
const inbound = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]),
});
const envelope = z.object({
  object: z.string().optional(),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z
        .array(
          z.looseObject({
            field: z.string().optional(),
            value: z
              .looseObject({
                metadata: z.looseObject({ phone_number_id: z.string().optional(), display_phone_number: z.string().optional() }).optional(),
                statuses: z.array(z.unknown()).optional(),
                messages: z.array(z.unknown()).optional(),
                errors: z.array(z.unknown()).optional(),
              })
              .optional(),
          }),
        )
        .default([]),
    }),
  ),
});

export function verifyWhatsApp(req: WebhookRequest, source: AdapterSource): void {
  const header = req.headers.get("x-hub-signature-256");
  requireSignature(header?.replace(/^sha256=/i, "") ?? null, "X-Hub-Signature-256", source.secrets, (s) =>
    hmac("sha256", s, req.body, "hex"),
  );
}

/**
 * A chat's conversation id: the business number and the customer, so that sends, inbound
 * messages and reads of one chat share it (groups are their own conversation).
 */
export function whatsappConversation(phoneNumberId: string | undefined, peer: string): string {
  return `wa:${phoneNumberId ?? "-"}:${peer}`;
}

type StatusType = "message.delivered" | "message.read" | "message.failed" | "message.sent";
// A Map, so that a status named like an Object property ("constructor") is simply unknown.
const RECEIPTS = new Map<string, StatusType>([
  ["sent", "message.sent"],
  ["delivered", "message.delivered"],
  ["read", "message.read"],
  // First playback of a voice message: it was heard, so it was read.
  ["played", "message.read"],
  ["failed", "message.failed"],
]);

export function parseWhatsApp(req: WebhookRequest): AdapterResult {
  const parsed = envelope.safeParse(parseJsonBody(req.body));
  if (!parsed.success)
    throw badRequest(`Not a WhatsApp webhook: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  const events: IngestEvent[] = [];
  let ignored = 0;
  parsed.data.entry.forEach((entry, e) =>
    entry.changes.forEach((change, c) => {
      const value = change.value;
      if (change.field !== "messages" || !value) return void ignored++;
      const phone = value.metadata?.phone_number_id;
      const context = {
        entry: entry.id ?? null,
        phoneNumberId: phone ?? null,
        displayPhoneNumber: value.metadata?.display_phone_number ?? null,
      };
      (value.statuses ?? []).forEach((raw, i) => {
        const where = `entry[${e}].changes[${c}].value.statuses[${i}]`;
        const s = status.safeParse(raw);
        if (!s.success) throw badRequest(`${where}.${s.error.issues[0].path.join(".")}: ${s.error.issues[0].message}`);
        const type = RECEIPTS.get(s.data.status);
        if (!type) return void ignored++;
        const ev = statusEvent(s.data, type, phone, req.receivedAt, { ...context, status: raw }, where);
        events.push(ev);
      });
      (value.messages ?? []).forEach((raw, i) => {
        const where = `entry[${e}].changes[${c}].value.messages[${i}]`;
        const m = inbound.safeParse(raw);
        if (!m.success) throw badRequest(`${where}.${m.error.issues[0].path.join(".")}: ${m.error.issues[0].message}`);
        const from = m.data.from ?? m.data.from_user_id;
        if (!from) throw badRequest(`${where}.from: required`);
        const occurredAt = fromEpoch(m.data.timestamp, "s");
        if (!occurredAt) throw badRequest(`${where}.timestamp: not Unix seconds`);
        events.push(
          canonicalEvent(
            {
              type: "message.received",
              id: `wa:in:${m.data.id}`,
              occurredAt: iso(occurredAt),
              conversationId: whatsappConversation(phone, from),
              senderId: from,
            },
            req.receivedAt,
            { ...context, message: withoutContent(raw) },
            where,
          ),
        );
      });
      // Out-of-band errors name no message: visible in the raw request, nothing to apply.
      ignored += value.errors?.length ?? 0;
    }),
  );
  return { events, ignored };
}

function statusEvent(
  s: z.infer<typeof status>,
  type: StatusType,
  phone: string | undefined,
  receivedAt: Date,
  payload: object,
  where: string,
): IngestEvent {
  const group = s.recipient_type === "group";
  const recipient = group ? s.recipient_participant_id : (s.recipient_id ?? s.recipient_user_id);
  if (!recipient) throw badRequest(`${where}.${group ? "recipient_participant_id" : "recipient_id"}: required`);
  // Trigger time of the webhook: the closest to an event time WhatsApp gives.
  const occurredAt = fromEpoch(s.timestamp, "s");
  if (!occurredAt) throw badRequest(`${where}.timestamp: not Unix seconds`);
  // Retries reach every app subscribed to the account: (wamid, status, participant) is the key.
  const key = `wa:${s.id}:${s.status}${group ? `:${recipient}` : ""}`;
  const base = { id: key, occurredAt: iso(occurredAt) };
  if (type === "message.sent") {
    const conversationId = group ? whatsappConversation(phone, s.recipient_id ?? "group") : whatsappConversation(phone, recipient);
    return canonicalEvent({ ...base, type, message: { id: s.id, conversationId }, recipientId: recipient }, receivedAt, payload, where);
  }
  const error =
    type === "message.failed" && s.errors?.length
      ? { code: s.errors[0].code == null ? null : String(s.errors[0].code), title: s.errors[0].title ?? null }
      : undefined;
  return canonicalEvent(
    { ...base, type, messageId: s.id, recipientId: recipient, ...(error ? { error } : {}) },
    receivedAt,
    payload,
    where,
  );
}

export const whatsapp: PlatformAdapter = {
  contentTypes: ["application/json"],
  // WhatsApp bundles statuses: a POST can reach 3 MB, and a 413 would be retried for 7 days.
  maxBytes: 4 * 1024 * 1024,
  verify: verifyWhatsApp,
  parse: parseWhatsApp,
  // WhatsApp treats anything but exactly 200 as a failure.
  reply: (r) => Response.json(r, { status: 200 }),
};
