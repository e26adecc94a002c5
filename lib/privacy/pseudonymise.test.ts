import { describe, expect, it } from "vitest";
import { parseCanonical } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";
import { minimiseEvent, withoutContent } from "./minimise";
import { isPseudonym, pseudonym, pseudonymiseEvent } from "./pseudonymise";

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const at = new Date("2026-11-20T09:00:00Z");

function ev(value: object, raw?: string): IngestEvent {
  const r = parseCanonical(value, at, raw);
  if (!r.ok) throw new Error(r.message);
  return r.event;
}

describe("pseudonym", () => {
  it("is a stable, prefixed keyed hash that differs per workspace key", () => {
    const p = pseudonym(key, "+8613800138000");
    expect(p).toMatch(/^p_[A-Za-z0-9_-]{22}$/);
    expect(pseudonym(key, "+8613800138000")).toBe(p);
    expect(pseudonym(otherKey, "+8613800138000")).not.toBe(p);
    expect(pseudonym(key, "+8613800138001")).not.toBe(p);
    expect(isPseudonym(p)).toBe(true);
    // Re-processing a pseudonymised event does not hash twice.
    expect(pseudonym(key, p)).toBe(p);
  });
});

describe("pseudonymiseEvent", () => {
  const message = { id: "m-1", kind: "support", senderId: "agent-7", conversationId: "c-1", title: "Re: order" };

  it("replaces recipient, reader, customer and conversation ids and keeps agent and message ids", () => {
    const sent = pseudonymiseEvent(key, ev({ type: "message.sent", id: "e1", occurredAt: at.toISOString(), message, recipientId: "u-1" }));
    expect(sent.type === "message.sent" && sent.recipientIds).toEqual([pseudonym(key, "u-1")]);
    expect(sent.type === "message.sent" && [sent.message.senderId, sent.message.id, sent.message.conversationId]).toEqual([
      "agent-7",
      "m-1",
      pseudonym(key, "c-1"),
    ]);

    const read = pseudonymiseEvent(key, ev({ type: "message.read", id: "e2", messageId: "m-1", recipientId: "u-1" }));
    expect(read.type === "message.read" && read.recipientId).toBe(pseudonym(key, "u-1"));

    const mark = pseudonymiseEvent(
      key,
      ev({ type: "conversation.read", id: "e3", conversationId: "c-1", readerId: "u-1", readUpTo: at.toISOString() }),
    );
    expect(mark.type === "conversation.read" && [mark.readerId, mark.conversationId]).toEqual([
      pseudonym(key, "u-1"),
      pseudonym(key, "c-1"),
    ]);

    const inbound = pseudonymiseEvent(key, ev({ type: "message.received", id: "e4", conversationId: "c-1", senderId: "u-1" }));
    expect(inbound.type === "message.received" && [inbound.senderId, inbound.conversationId]).toEqual([
      pseudonym(key, "u-1"),
      pseudonym(key, "c-1"),
    ]);
  });

  it("stores the pseudonymised canonical event instead of the raw body, which held the clear id", () => {
    const value = { type: "message.read", id: "e2", occurredAt: at.toISOString(), messageId: "m-1", recipientId: "u-1", text: "hi" };
    const out = pseudonymiseEvent(key, ev(value, JSON.stringify(value)));
    expect(out.raw).toBeUndefined();
    expect(out.payload).toEqual({
      type: "message.read",
      id: "e2",
      occurredAt: at.toISOString(),
      messageId: "m-1",
      recipientId: pseudonym(key, "u-1"),
    });
    expect(JSON.stringify(out.payload)).not.toContain('"u-1"');
    // The stored payload is itself a valid canonical event: the log can be re-processed.
    expect(parseCanonical(out.payload, at).ok).toBe(true);
  });

  it("pseudonymises every member of a group send", () => {
    const out = pseudonymiseEvent(key, ev({ type: "message.sent", id: "g", message: { id: "m" }, recipientIds: ["a", "b"] }));
    expect(out.payload).toMatchObject({ recipientIds: [pseudonym(key, "a"), pseudonym(key, "b")] });
  });
});

describe("minimiseEvent (no content stored)", () => {
  it("keeps a canonical event's raw text when it holds only canonical fields", () => {
    const value = { type: "message.read", id: "e", messageId: "m", recipientId: "u", clientPlatform: "ios" };
    const e = ev(value, JSON.stringify(value));
    expect(minimiseEvent(e)).toBe(e);
  });

  it("drops unknown fields such as the message text, also inside message", () => {
    const value = {
      type: "message.sent",
      id: "e",
      message: { id: "m", title: "Spring sale", text: "Buy now: 20% off" },
      recipientId: "u",
      body: "Buy now",
    };
    const out = minimiseEvent(ev(value, JSON.stringify(value)));
    expect(out.raw).toBeUndefined();
    expect(JSON.stringify(out.payload)).not.toMatch(/Buy now/);
    expect(out.payload).toMatchObject({ message: { id: "m", title: "Spring sale" }, recipientId: "u" });
  });

  it("removes content fields from platform payloads at any depth", () => {
    const whatsapp = {
      entry: [{ changes: [{ value: { messages: [{ from: "8613800138000", id: "wamid.1", text: { body: "hello" }, type: "text" }] } }] }],
    };
    const out = withoutContent(whatsapp);
    expect(JSON.stringify(out)).not.toContain("hello");
    expect(JSON.stringify(out)).toContain("wamid.1");
    const e = { ...ev({ type: "message.received", id: "x", conversationId: "c" }), payload: whatsapp };
    expect(JSON.stringify(minimiseEvent(e).payload)).not.toContain("hello");
  });
});
