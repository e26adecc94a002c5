import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { asWebhookRequest, whatsappRequest } from "../testing/platforms";
import { parseWhatsApp, verifyWhatsApp, whatsapp } from "./whatsapp";

// Test vector of docs/platforms.md §2.1: the name is the literal six bytes \u00e4 (WhatsApp
// escapes non-ASCII when signing), so only the raw bytes verify.
const SECRET = "test_app_secret";
const VECTOR = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"T\u00e4st User"},"wa_id":"16505551234"}],"statuses":[{"id":"wamid.TEST0001","status":"read","timestamp":"1750030073","recipient_id":"16505551234"}]}}]}]}`;
const URL_ = "https://receipts.example.com/api/webhooks/wa";
const req = (body: string, headers: Record<string, string>) =>
  asWebhookRequest({ url: URL_, body, headers: { "content-type": "application/json", ...headers } });

function status401(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    return (err as ApiError).message;
  }
  throw new Error("expected a 401");
}

const envelope = (statuses: object[], extra: object = {}) =>
  JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              statuses,
              ...extra,
            },
          },
        ],
      },
    ],
  });

describe("WhatsApp Cloud API adapter", () => {
  it("verifies the documented vector over the raw bytes (413 bytes, escaped unicode)", () => {
    expect(Buffer.byteLength(VECTOR)).toBe(413);
    expect(() =>
      verifyWhatsApp(req(VECTOR, { "x-hub-signature-256": "sha256=d2ace448a2718463f3382e5897b9e03cd0d5d63f00b70a7483a0242a4c54dc80" }), {
        secrets: [SECRET],
      }),
    ).not.toThrow();
    // The legacy SHA-1 header of the same vector, for completeness of the vector.
    expect(createHmac("sha1", SECRET).update(VECTOR).digest("hex")).toBe("d45cde4ee4f366e15757135f9ad434fac8006209");
  });

  it("rejects the re-serialised body (ä as 2 UTF-8 bytes, 409 bytes) with its own documented signature", () => {
    const reserialised = JSON.stringify(JSON.parse(VECTOR));
    expect(Buffer.byteLength(reserialised)).toBe(409);
    expect(createHmac("sha256", SECRET).update(reserialised).digest("hex")).toBe(
      "8bbfb25f21dd8e27839e3fabbb0734a9df2988ad6c83cce117d3d97429bd8b82",
    );
    // Signed as the platform signs (the escaped bytes), the re-serialised body does not verify.
    const msg = status401(() =>
      verifyWhatsApp(
        req(reserialised, { "x-hub-signature-256": "sha256=d2ace448a2718463f3382e5897b9e03cd0d5d63f00b70a7483a0242a4c54dc80" }),
        { secrets: [SECRET] },
      ),
    );
    expect(msg).toMatch(/does not match/);
  });

  it("rejects a wrong secret, a tampered body and a missing header; accepts the previous secret during rotation", () => {
    const signed = whatsappRequest(URL_, SECRET, VECTOR);
    status401(() => verifyWhatsApp(asWebhookRequest(signed), { secrets: ["other_secret"] }));
    status401(() => verifyWhatsApp(asWebhookRequest({ ...signed, body: VECTOR.replace("read", "sent") }), { secrets: [SECRET] }));
    expect(status401(() => verifyWhatsApp(req(VECTOR, {}), { secrets: [SECRET] }))).toMatch(/missing/);
    expect(() => verifyWhatsApp(asWebhookRequest(signed), { secrets: ["new_secret", SECRET] })).not.toThrow();
  });

  it("maps the vector's read status with the platform's trigger time", () => {
    const { events } = parseWhatsApp(req(VECTOR, {}));
    expect(events).toEqual([
      expect.objectContaining({
        type: "message.read",
        key: "wa:wamid.TEST0001:read",
        messageId: "wamid.TEST0001",
        recipientId: "16505551234",
        occurredAt: new Date(1750030073 * 1000),
        timeSource: "platform",
      }),
    ]);
  });

  it("maps every status of every entry and change, keeping pricing, callback data and errors in the payload", () => {
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "waba-1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: "pn-1" },
                statuses: [
                  {
                    id: "wamid.A",
                    status: "sent",
                    timestamp: "1750030000",
                    recipient_id: "16505550001",
                    biz_opaque_callback_data: "campaign=spring",
                    conversation: { id: "conv-1", origin: { type: "marketing" } },
                    pricing: { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" },
                  },
                  { id: "wamid.A", status: "delivered", timestamp: "1750030010", recipient_id: "16505550001" },
                ],
              },
            },
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: "pn-1" },
                statuses: [
                  {
                    id: "wamid.B",
                    status: "failed",
                    timestamp: "1751142888",
                    recipient_id: "16505550002",
                    errors: [
                      {
                        code: 131049,
                        title: "Message not delivered to maintain healthy ecosystem engagement",
                        message: "x",
                        error_data: { details: "y" },
                      },
                    ],
                  },
                  { id: "wamid.C", status: "played", timestamp: "1750030100", recipient_id: "16505550003" },
                  { id: "wamid.D", status: "deleted", timestamp: "1750030100", recipient_id: "16505550003" },
                  { id: "wamid.E", status: "constructor", timestamp: "1750030100", recipient_id: "16505550003" },
                ],
              },
            },
          ],
        },
        { id: "waba-1", changes: [{ field: "account_update", value: {} }] },
      ],
    });
    const { events, ignored } = parseWhatsApp(req(body, {}));
    expect(ignored).toBe(3); // two unknown statuses and a non-messages change
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ["message.sent", "wa:wamid.A:sent"],
      ["message.delivered", "wa:wamid.A:delivered"],
      ["message.failed", "wa:wamid.B:failed"],
      ["message.read", "wa:wamid.C:played"],
    ]);
    expect(events[0]).toMatchObject({
      message: { id: "wamid.A", conversationId: "wa:pn-1:16505550001" },
      recipientIds: ["16505550001"],
      payload: { phoneNumberId: "pn-1", status: { biz_opaque_callback_data: "campaign=spring", pricing: { category: "marketing" } } },
    });
    expect(events[2]).toMatchObject({ error: { code: "131049", title: "Message not delivered to maintain healthy ecosystem engagement" } });
    expect((events[2].payload as { status: { errors: unknown[] } }).status.errors).toHaveLength(1);
  });

  it("cuts an overlong error code and title to what the canonical format keeps, never inside a surrogate pair", () => {
    const body = envelope([
      {
        id: "wamid.F",
        status: "failed",
        timestamp: "1751142888",
        recipient_id: "16505550002",
        errors: [{ code: "x".repeat(199) + "😀" + "y".repeat(50), title: "t".repeat(600) }],
      },
    ]);
    const { events } = parseWhatsApp(req(body, {}));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "message.failed", error: { code: "x".repeat(199), title: "t".repeat(500) } });
  });

  it("gives each group participant its own delivery and idempotency key", () => {
    const group = (participant: string) => ({
      id: "wamid.G",
      status: "read",
      timestamp: "1750030200",
      recipient_id: "120363000000000001",
      recipient_type: "group",
      recipient_participant_id: participant,
    });
    const { events } = parseWhatsApp(req(envelope([group("16505550001"), group("16505550002")]), {}));
    expect(events.map((e) => ["recipientId" in e && e.recipientId, e.key])).toEqual([
      ["16505550001", "wa:wamid.G:read:16505550001"],
      ["16505550002", "wa:wamid.G:read:16505550002"],
    ]);
  });

  it("turns inbound messages into message.received without their text", () => {
    const body = envelope([], {
      contacts: [{ profile: { name: "Ana" }, wa_id: "16505550009" }],
      messages: [{ from: "16505550009", id: "wamid.IN1", timestamp: "1750030300", type: "text", text: { body: "where is my order?" } }],
    });
    const { events } = parseWhatsApp(req(body, {}));
    expect(events).toEqual([
      expect.objectContaining({
        type: "message.received",
        key: "wa:in:wamid.IN1",
        conversationId: "wa:106540352242922:16505550009",
        senderId: "16505550009",
      }),
    ]);
    expect(JSON.stringify(events[0].payload)).not.toContain("where is my order");
  });

  it("answers malformed statuses with 400 naming the field", () => {
    try {
      parseWhatsApp(req(envelope([{ id: "wamid.X", status: "read", timestamp: "soon", recipient_id: "1" }]), {}));
      throw new Error("expected 400");
    } catch (err) {
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).message).toMatch(/statuses\[0\]\.timestamp/);
    }
  });

  it("replies exactly 200", async () => {
    expect(whatsapp.reply!({ accepted: 1, duplicates: 0, ignored: 0 }).status).toBe(200);
  });
});
