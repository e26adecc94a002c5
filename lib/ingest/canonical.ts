import { z } from "zod";
import { MESSAGE_KINDS, normaliseClientPlatform, type IngestEvent } from "./events";

// The canonical event format of api.md, validated with zod. Every error names the field.

const id = z.string().trim().min(1).max(200);
const optId = id.nullish();
const time = z.iso.datetime({ offset: true });

const message = z.object({
  id,
  kind: z.enum(MESSAGE_KINDS).optional(),
  senderId: optId,
  conversationId: optId,
  campaignId: optId,
  variant: z.string().max(50).nullish(),
  announcementId: optId,
  title: z.string().max(500).nullish(),
});

const base = { id, occurredAt: time.optional() };

// A code is kept on the delivery and indexed (failure lists), and a btree entry holds ~2,700 bytes.
export const ERROR_CODE_MAX = 200;
export const ERROR_TITLE_MAX = 500;

export const canonicalEventSchema = z.discriminatedUnion("type", [
  z
    .object({
      ...base,
      type: z.literal("message.sent"),
      message,
      recipientId: id.optional(),
      // Extension: one event for a group send, one delivery per member.
      recipientIds: z.array(id).min(1).max(10_000).optional(),
      clientPlatform: z.string().max(40).nullish(),
    })
    .refine((e) => e.recipientId || e.recipientIds, { message: "recipientId or recipientIds is required", path: ["recipientId"] }),
  z.object({
    ...base,
    type: z.enum(["message.delivered", "message.read"]),
    messageId: id,
    recipientId: id,
    clientPlatform: z.string().max(40).nullish(),
  }),
  z.object({
    ...base,
    type: z.literal("message.failed"),
    messageId: id,
    recipientId: id,
    clientPlatform: z.string().max(40).nullish(),
    error: z
      .object({ code: z.union([z.string().max(ERROR_CODE_MAX), z.number()]).nullish(), title: z.string().max(ERROR_TITLE_MAX).nullish() })
      .nullish(),
  }),
  z.object({ ...base, type: z.literal("conversation.read"), conversationId: id, readerId: id, readUpTo: time }),
  z.object({ ...base, type: z.literal("message.received"), conversationId: id, senderId: optId }),
]);

export const CANONICAL_TYPES = new Set([
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "conversation.read",
  "message.received",
]);

export type ParseResult = { ok: true; event: IngestEvent } | { ok: false; message: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join(".") : "event";
  return `${where}: ${issue.message}`;
}

/**
 * What JSON allows but PostgreSQL's jsonb refuses (NUL characters, lone surrogates, numbers out
 * of range, deep nesting): found here, so one such line is a 400 for that line instead of a
 * failed batch.
 */
export function unstorable(value: unknown, depth = 0): string | null {
  if (depth > 32) return "nested more than 32 levels deep";
  if (typeof value === "string") {
    if (value.includes("\u0000")) return "contains a NUL character (\\u0000)";
    if (!value.isWellFormed()) return "contains an unpaired UTF-16 surrogate";
    return null;
  }
  if (typeof value === "number") return Number.isFinite(value) ? null : "contains a number out of range";
  if (Array.isArray(value)) {
    for (const v of value) {
      const why = unstorable(v, depth + 1);
      if (why) return why;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorable(k, depth + 1) ?? unstorable(v, depth + 1);
      if (why) return why;
    }
  }
  return null;
}

/** Parse one canonical event. `receivedAt` stands in for a missing occurredAt, flagged as such. */
export function parseCanonical(value: unknown, receivedAt: Date, raw?: string): ParseResult {
  const why = unstorable(value);
  if (why) return { ok: false, message: `event: ${why}, which cannot be stored` };
  const parsed = canonicalEventSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  const e = parsed.data;
  const occurredAt = e.occurredAt ? new Date(e.occurredAt) : receivedAt;
  // The event log's jsonb reads numbers as numeric, whose range differs from a double's: 1e-20000
  // is 0 to JavaScript and an error to PostgreSQL. error.code is the one canonical field that may
  // be a number, so such an event is stored as parsed rather than as its raw text.
  const numericCode = e.type === "message.failed" && typeof e.error?.code === "number";
  const common = {
    key: e.id,
    occurredAt,
    timeSource: e.occurredAt ? ("platform" as const) : ("received" as const),
    payload: value,
    raw: numericCode ? undefined : raw,
  };
  switch (e.type) {
    case "message.sent":
      return {
        ok: true,
        event: {
          ...common,
          type: e.type,
          message: e.message,
          recipientIds: [...new Set(e.recipientIds ?? [e.recipientId!])],
          clientPlatform: normaliseClientPlatform(e.clientPlatform),
        },
      };
    case "message.delivered":
    case "message.read":
    case "message.failed": {
      const error =
        "error" in e && e.error ? { code: e.error.code == null ? null : String(e.error.code), title: e.error.title ?? null } : null;
      return {
        ok: true,
        event: {
          ...common,
          type: e.type,
          messageId: e.messageId,
          recipientId: e.recipientId,
          clientPlatform: normaliseClientPlatform(e.clientPlatform),
          ...(e.type === "message.failed" ? { error } : {}),
        },
      };
    }
    case "conversation.read":
      return {
        ok: true,
        event: { ...common, type: e.type, conversationId: e.conversationId, readerId: e.readerId, readUpTo: new Date(e.readUpTo) },
      };
    case "message.received":
      return { ok: true, event: { ...common, type: e.type, conversationId: e.conversationId, senderId: e.senderId ?? null } };
  }
}

export interface LineError {
  line: number;
  message: string;
}

/**
 * Split a batch body (NDJSON, or a JSON array) into events and per-line errors. Lines are
 * numbered from 1; for a JSON array, "line" is the element's position.
 */
export function parseBatch(text: string, asArray: boolean, receivedAt: Date): { events: IngestEvent[]; errors: LineError[] } {
  const events: IngestEvent[] = [];
  const errors: LineError[] = [];
  const take = (value: unknown, line: number, raw?: string) => {
    const r = parseCanonical(value, receivedAt, raw);
    if (r.ok) events.push(r.event);
    else errors.push({ line, message: r.message });
  };
  if (asArray) {
    // A byte order mark is not JSON; some Windows tools write one (trim() drops it from NDJSON lines).
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    if (!Array.isArray(parsed)) throw new SyntaxError("expected a JSON array of events");
    parsed.forEach((v, i) => take(v, i + 1));
    return { events, errors };
  }
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      errors.push({ line: i + 1, message: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    take(value, i + 1, line);
  });
  return { events, errors };
}
