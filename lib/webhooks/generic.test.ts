import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { ApiError } from "../api/errors";
import { parseGeneric, verifyStandardWebhook } from "./generic";

// Test vector from docs/platforms.md §2.6 (matches the reference JS library).
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY = '{"type":"message.read","timestamp":"2026-01-15T09:29:58.000Z","data":{"message_id":"m_0001","recipient":"user_b"}}';
const HEADERS = {
  "webhook-id": "msg_2Ktest0000000000000001",
  "webhook-timestamp": "1768469400",
  "webhook-signature": "v1,n8ozxbnQ8sAybcn4f7kKjuo+8aDTCC+lsmWyFa+PyiM=",
};

const req = (body: string, headers: Record<string, string>) => ({
  body: Buffer.from(body, "utf8"),
  headers: new Headers(headers),
  url: "https://receipts.example.com/api/webhooks/gen",
  receivedAt: new Date(),
});

function expectUnauthorized(fn: () => unknown, reason: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).message).toMatch(reason);
    return;
  }
  throw new Error("expected a 401");
}

describe("Standard Webhooks (generic source)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-15T09:31:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("accepts the documented test vector and maps the envelope to a canonical read", () => {
    const { events } = parseGeneric(req(BODY, HEADERS), [SECRET]);
    expect(events).toEqual([
      expect.objectContaining({
        type: "message.read",
        key: "msg_2Ktest0000000000000001",
        messageId: "m_0001",
        recipientId: "user_b",
        occurredAt: new Date("2026-01-15T09:29:58.000Z"),
      }),
    ]);
  });

  it("accepts Svix's header names for the same scheme", () => {
    const svix = {
      "svix-id": HEADERS["webhook-id"],
      "svix-timestamp": HEADERS["webhook-timestamp"],
      "svix-signature": HEADERS["webhook-signature"],
    };
    expect(parseGeneric(req(BODY, svix), [SECRET]).events[0]).toMatchObject({ key: "msg_2Ktest0000000000000001", recipientId: "user_b" });
  });

  it("accepts any one of several signatures (key rotation) and a second configured secret", () => {
    const rotated = { ...HEADERS, "webhook-signature": `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${HEADERS["webhook-signature"]}` };
    expect(() => verifyStandardWebhook(req(BODY, rotated), [SECRET])).not.toThrow();
    expect(() => verifyStandardWebhook(req(BODY, HEADERS), ["whsec_" + Buffer.alloc(24, 7).toString("base64"), SECRET])).not.toThrow();
  });

  it("rejects a wrong secret, a tampered body, missing headers and stale or future timestamps", () => {
    expectUnauthorized(
      () => verifyStandardWebhook(req(BODY, HEADERS), ["whsec_" + Buffer.alloc(24, 1).toString("base64")]),
      /No matching signature/,
    );
    expectUnauthorized(() => verifyStandardWebhook(req(BODY.replace("user_b", "user_c"), HEADERS), [SECRET]), /No matching signature/);
    expectUnauthorized(() => verifyStandardWebhook(req(BODY, { "webhook-id": "x" }), [SECRET]), /Missing required headers/);
    vi.setSystemTime(new Date("2026-01-15T09:36:01Z"));
    expectUnauthorized(() => verifyStandardWebhook(req(BODY, HEADERS), [SECRET]), /too old/);
    vi.setSystemTime(new Date("2026-01-15T09:24:59Z"));
    expectUnauthorized(() => verifyStandardWebhook(req(BODY, HEADERS), [SECRET]), /too new/);
  });

  it("takes canonical events and arrays, defaulting ids to the webhook id", () => {
    const body = JSON.stringify([
      { type: "message.delivered", occurredAt: "2026-01-15T09:00:00Z", messageId: "m", recipientId: "u" },
      { type: "message.read", id: "own-id", occurredAt: "2026-01-15T09:01:00Z", messageId: "m", recipientId: "u" },
      { type: "message.reaction", id: "r" },
    ]);
    const signed = new Webhook(SECRET).sign("msg_1", new Date(), body);
    const { events, ignored } = parseGeneric(
      req(body, { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": signed }),
      [SECRET],
    );
    expect(events.map((e) => e.key)).toEqual(["msg_1:0", "own-id"]);
    expect(ignored).toBe(1);
  });

  it("answers malformed events with 400 and says where", () => {
    const body = JSON.stringify([{ type: "message.read", messageId: "m" }]);
    const signed = new Webhook(SECRET).sign("msg_2", new Date(), body);
    try {
      parseGeneric(
        req(body, { "webhook-id": "msg_2", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": signed }),
        [SECRET],
      );
      throw new Error("expected 400");
    } catch (err) {
      expect((err as ApiError).status).toBe(400);
      expect((err as ApiError).message).toMatch(/event 1: recipientId/);
    }
  });
});
