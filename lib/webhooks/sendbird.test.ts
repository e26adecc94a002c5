import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { asWebhookRequest, sendbirdRequest } from "../testing/platforms";
import { parseSendbird, verifySendbird } from "./sendbird";

// Test vector of docs/platforms.md §2.3: 285 bytes with escaped slashes, master API token.
const TOKEN = "test_master_api_token";
const VECTOR = String.raw`{"category":"group_channel:message_read","channel":{"channel_url":"sendbird_group_channel_test_1","cover_url":"https:\/\/example.com\/c.png"},"read_updates":[{"user_id":"user_b","read_ts":1540864257418,"channel_unread_message_count":0}],"app_id":"00000000-0000-0000-0000-000000000000"}`;
const SIG = "90e05a6a6925e2f4c8b0194c7356e6380b35f27e0ac794010aea872204c8393b";
const URL_ = "https://receipts.example.com/api/webhooks/sb";
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

describe("Sendbird adapter", () => {
  it("verifies the documented vector on the raw bytes, and not its re-serialised form", () => {
    expect(Buffer.byteLength(VECTOR)).toBe(285);
    expect(status(() => verifySendbird(req(VECTOR, { "x-sendbird-signature": SIG }), { secrets: [TOKEN] }))).toBe(200);
    // Some deliveries name the header x-signature.
    expect(status(() => verifySendbird(req(VECTOR, { "x-signature": SIG }), { secrets: [TOKEN] }))).toBe(200);
    const reserialised = JSON.stringify(JSON.parse(VECTOR));
    expect(createHmac("sha256", TOKEN).update(reserialised).digest("hex")).toMatch(/^8c2cb525.*1770$/);
    expect(status(() => verifySendbird(req(reserialised, { "x-sendbird-signature": SIG }), { secrets: [TOKEN] }))).toBe(401);
  });

  it("rejects a wrong token, a tampered body and a missing signature", () => {
    expect(status(() => verifySendbird(req(VECTOR, { "x-sendbird-signature": SIG }), { secrets: ["secondary_token"] }))).toBe(401);
    expect(
      status(() => verifySendbird(req(VECTOR.replace("user_b", "user_c"), { "x-sendbird-signature": SIG }), { secrets: [TOKEN] })),
    ).toBe(401);
    expect(status(() => verifySendbird(req(VECTOR), { secrets: [TOKEN] }))).toBe(401);
  });

  it("maps message_read to a watermark per read update", () => {
    const { events } = parseSendbird(req(VECTOR), { secrets: [TOKEN] });
    expect(events).toEqual([
      expect.objectContaining({
        type: "conversation.read",
        key: "sb:group_channel:message_read:sendbird_group_channel_test_1:user_b:1540864257418",
        conversationId: "sendbird_group_channel_test_1",
        readerId: "user_b",
        readUpTo: new Date(1540864257418),
        occurredAt: new Date(1540864257418),
      }),
    ]);
  });

  it("registers message_send to every other member, without the text", () => {
    const body = JSON.stringify({
      category: "group_channel:message_send",
      sender: { user_id: "agent-1", nickname: "Amy" },
      members: [{ user_id: "agent-1" }, { user_id: "user_b" }, { user_id: "user_c" }],
      type: "MESG",
      payload: { message: "Your order shipped", data: "", created_at: 1540798176017, message_id: 4242 },
      channel: { channel_url: "ch-1", custom_type: "support" },
      app_id: "app-1",
    });
    const { events } = parseSendbird(req(body), { secrets: [TOKEN] });
    expect(events[0]).toMatchObject({
      type: "message.sent",
      key: "sb:group_channel:message_send:4242",
      message: { id: "4242", senderId: "agent-1", conversationId: "ch-1" },
      recipientIds: ["user_b", "user_c"],
      occurredAt: new Date(1540798176017),
    });
    expect(JSON.stringify(events[0].payload)).not.toContain("Your order shipped");
    // Without member information the recipients are unknown: acknowledged, skipped.
    expect(parseSendbird(req(body.replace(/"members":\[[^\]]*\],/, "")), { secrets: [TOKEN] })).toEqual({ events: [], ignored: 1 });
  });

  it("refuses another application's events when the source names its app_id, and skips other categories", () => {
    expect(status(() => parseSendbird(req(VECTOR), { secrets: [TOKEN], appId: "11111111-0000-0000-0000-000000000000" }))).toBe(401);
    expect(parseSendbird(req('{"category":"group_channel:message_update","app_id":"x"}'), { secrets: [TOKEN] })).toEqual({
      events: [],
      ignored: 1,
    });
  });

  it("signs what it is given in the test helper exactly as Sendbird does", () => {
    expect(sendbirdRequest(URL_, TOKEN, VECTOR).headers["x-sendbird-signature"]).toBe(SIG);
  });
});
