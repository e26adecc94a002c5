import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { asWebhookRequest, streamRequest } from "../testing/platforms";
import { parseStream, verifyStream } from "./stream";

// Test vector of docs/platforms.md §2.5 (accepted by Stream's verifyWebhook).
const SECRET = "test_api_secret";
const VECTOR =
  '{"type":"message.read","cid":"messaging:chan-1","channel_type":"messaging","channel_id":"chan-1","user":{"id":"user_b","channel_unread_count":0},"last_read_message_id":"msg-0001","created_at":"2026-01-15T09:30:00.123Z"}';
const SIG = "0c05ca504a63bf18d19b274beb207da622c35c4abe8e27adf4e82e1c8fb7f28d";
const URL_ = "https://receipts.example.com/api/webhooks/st";
const req = (body: string, headers: Record<string, string> = {}) =>
  asWebhookRequest({ url: URL_, body, headers: { "content-type": "application/json", ...headers } });

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).status;
  }
  return 200;
}

describe("Stream Chat adapter", () => {
  it("verifies the documented vector", () => {
    expect(Buffer.byteLength(VECTOR)).toBe(219);
    expect(status(() => verifyStream(req(VECTOR, { "x-signature": SIG }), { secrets: [SECRET] }))).toBe(200);
    expect(streamRequest(URL_, SECRET, VECTOR, "wh-1").headers["x-signature"]).toBe(SIG);
  });

  it("rejects a wrong secret, a tampered body, a missing signature and another app's key", () => {
    expect(status(() => verifyStream(req(VECTOR, { "x-signature": SIG }), { secrets: ["other"] }))).toBe(401);
    expect(status(() => verifyStream(req(VECTOR.replace("user_b", "user_x"), { "x-signature": SIG }), { secrets: [SECRET] }))).toBe(401);
    expect(status(() => verifyStream(req(VECTOR), { secrets: [SECRET] }))).toBe(401);
    expect(status(() => verifyStream(req(VECTOR, { "x-signature": SIG, "x-api-key": "k2" }), { secrets: [SECRET], appId: "k1" }))).toBe(
      401,
    );
  });

  it("maps message.read to a watermark keyed by X-Webhook-Id", () => {
    const { events } = parseStream(req(VECTOR, { "x-webhook-id": "9f1c-retry-stable" }));
    expect(events).toEqual([
      expect.objectContaining({
        type: "conversation.read",
        key: "st:9f1c-retry-stable",
        conversationId: "messaging:chan-1",
        readerId: "user_b",
        readUpTo: new Date("2026-01-15T09:30:00.123Z"),
        occurredAt: new Date("2026-01-15T09:30:00.123Z"),
      }),
    ]);
  });

  it("skips thread reads (they do not cover the channel) and unknown events", () => {
    const thread = VECTOR.replace('"created_at"', '"thread":{"parent_id":"msg-0000"},"created_at"');
    expect(parseStream(req(thread, { "x-webhook-id": "a" }))).toEqual({ events: [], ignored: 1 });
    expect(parseStream(req('{"type":"reaction.new","cid":"messaging:chan-1"}'))).toEqual({ events: [], ignored: 1 });
  });

  it("registers message.new to the other members, without the text", () => {
    const body = JSON.stringify({
      type: "message.new",
      cid: "messaging:chan-1",
      message: {
        id: "msg-0002",
        text: "Flash sale today",
        html: "<p>Flash sale today</p>",
        created_at: "2026-01-15T09:31:00Z",
        user: { id: "agent-1" },
      },
      user: { id: "agent-1" },
      members: [
        { user_id: "agent-1", user: { id: "agent-1" } },
        { user_id: "user_b", user: { id: "user_b" } },
      ],
      created_at: "2026-01-15T09:31:00.010Z",
    });
    const { events } = parseStream(req(body, { "x-webhook-id": "wh-2" }));
    expect(events[0]).toMatchObject({
      type: "message.sent",
      key: "st:wh-2",
      message: { id: "msg-0002", senderId: "agent-1", conversationId: "messaging:chan-1" },
      recipientIds: ["user_b"],
      occurredAt: new Date("2026-01-15T09:31:00Z"),
    });
    expect(JSON.stringify(events[0].payload)).not.toContain("Flash sale");
  });
});
