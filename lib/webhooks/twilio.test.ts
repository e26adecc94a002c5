import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { asWebhookRequest, twilioRequest } from "../testing/platforms";
import { parseTwilio, twilioSignedString, verifyTwilio } from "./twilio";

// Test vector of docs/platforms.md §2.2 (accepted by Twilio's server SDK validator).
const TOKEN = "test_auth_token";
const VECTOR_URL = "https://example.com/hooks/twilio/status";
const VECTOR_BODY =
  "AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&ApiVersion=2010-04-01&From=%2B15017250604&MessageSid=SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&MessageStatus=delivered&SmsSid=SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&SmsStatus=delivered&To=%2B15558675310";
const VECTOR_SIGNED =
  "https://example.com/hooks/twilio/statusAccountSidACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaApiVersion2010-04-01From+15017250604MessageSidSMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbMessageStatusdeliveredSmsSidSMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbSmsStatusdeliveredTo+15558675310";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const at = new Date("2026-11-26T10:00:00Z");
const form = (url: string, body: string, headers: Record<string, string>) =>
  asWebhookRequest({ url, body, headers: { ...FORM, ...headers } }, at);

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).status;
  }
  return 200;
}

describe("Twilio adapter", () => {
  it("builds the documented signed string (decoded values, sorted names) and verifies the vector", () => {
    expect(twilioSignedString(VECTOR_URL, new URLSearchParams(VECTOR_BODY))).toBe(VECTOR_SIGNED);
    expect(
      status(() =>
        verifyTwilio(form(VECTOR_URL, VECTOR_BODY, { "x-twilio-signature": "ACGLgmRoKRtbhIv8i+cwFa5FS5w=" }), { secrets: [TOKEN] }),
      ),
    ).toBe(200);
  });

  it("accepts the URL Twilio signed with an explicit default port", () => {
    const withPort = createHmac("sha1", TOKEN).update(VECTOR_SIGNED.replace("example.com/", "example.com:443/")).digest("base64");
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY, { "x-twilio-signature": withPort }), { secrets: [TOKEN] }))).toBe(200);
  });

  it("verifies HMAC-SHA256 signatures of Webhook Settings with their shared key", () => {
    const sig = createHmac("sha256", "shared_key").update(VECTOR_SIGNED).digest("base64");
    const settings = { "x-twilio-signature": sig, "x-twilio-webhooks-signature-settings": "key=WSxxx,algorithm=HMAC_SHA256" };
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY, settings), { secrets: ["shared_key"] }))).toBe(200);
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY, { "x-twilio-signature": sig }), { secrets: ["shared_key"] }))).toBe(401);
  });

  it("rejects a wrong token, a tampered parameter, another URL and a missing header", () => {
    const h = { "x-twilio-signature": "ACGLgmRoKRtbhIv8i+cwFa5FS5w=" };
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY, h), { secrets: ["secondary_token"] }))).toBe(401);
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY.replace("delivered&Sms", "read&Sms"), h), { secrets: [TOKEN] }))).toBe(
      401,
    );
    expect(status(() => verifyTwilio(form("http://10.0.0.5:3000/hooks/twilio/status", VECTOR_BODY, h), { secrets: [TOKEN] }))).toBe(401);
    expect(status(() => verifyTwilio(form(VECTOR_URL, VECTOR_BODY, {}), { secrets: [TOKEN] }))).toBe(401);
  });

  it("checks JSON bodies through bodySHA256 and the signed URL", () => {
    const body = '{"MessageSid":"SM1","MessageStatus":"read","To":"whatsapp:+15550000001"}';
    const url = `${VECTOR_URL}?bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const sig = createHmac("sha1", TOKEN).update(url).digest("base64");
    const json = (b: string) =>
      asWebhookRequest({ url, body: b, headers: { "content-type": "application/json", "x-twilio-signature": sig } }, at);
    expect(status(() => verifyTwilio(json(body), { secrets: [TOKEN] }))).toBe(200);
    expect(status(() => verifyTwilio(json(body.replace("read", "sent")), { secrets: [TOKEN] }))).toBe(401);
    expect(parseTwilio(json(body)).events[0]).toMatchObject({ type: "message.read", recipientId: "+15550000001" });
  });

  it("maps the vector to a delivered receipt at arrival time, recorded as such", () => {
    const { events } = parseTwilio(form(VECTOR_URL, VECTOR_BODY, {}));
    expect(events).toEqual([
      expect.objectContaining({
        type: "message.delivered",
        key: "tw:SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:delivered",
        messageId: "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        recipientId: "+15558675310",
        occurredAt: at,
        timeSource: "received",
      }),
    ]);
  });

  it("maps sent, WhatsApp READ, undelivered with its error, and skips intermediate statuses", () => {
    const p = (params: Record<string, string>) => parseTwilio(asWebhookRequest(twilioRequest(VECTOR_URL, TOKEN, params), at));
    const base = { AccountSid: "ACx", MessageSid: "SM1", From: "whatsapp:+14155238886", To: "whatsapp:+15550000001" };
    expect(p({ ...base, MessageStatus: "sent" }).events[0]).toMatchObject({
      type: "message.sent",
      message: { id: "SM1", senderId: "+14155238886" },
      recipientIds: ["+15550000001"],
    });
    expect(p({ ...base, MessageStatus: "read", EventType: "READ", ChannelPrefix: "whatsapp" }).events[0]).toMatchObject({
      type: "message.read",
      key: "tw:SM1:read",
    });
    expect(
      p({ ...base, MessageStatus: "undelivered", ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" }).events[0],
    ).toMatchObject({
      type: "message.failed",
      key: "tw:SM1:undelivered:30003",
      error: { code: "30003", title: "Unreachable destination handset" },
    });
    for (const s of ["queued", "sending", "accepted", "partially_delivered", "some_future_status", "constructor"])
      expect(p({ ...base, MessageStatus: s })).toEqual({ events: [], ignored: 1 });
  });

  it("maps Conversations onDeliveryUpdated per participant with DateUpdated as the event time", () => {
    const params = {
      EventType: "onDeliveryUpdated",
      AccountSid: "ACx",
      ConversationSid: "CH1",
      ChatServiceSid: "IS1",
      MessageSid: "IM1",
      DeliveryReceiptSid: "DY1",
      ChannelMessageSid: "SM9",
      ParticipantSid: "MB1",
      Status: "read",
      DateCreated: "2026-11-26T09:00:00Z",
      DateUpdated: "2026-11-26T09:05:00Z",
    };
    const { events } = parseTwilio(asWebhookRequest(twilioRequest(VECTOR_URL, TOKEN, params), at));
    expect(events[0]).toMatchObject({
      type: "message.read",
      key: "tw:DY1:read",
      messageId: "IM1",
      recipientId: "MB1",
      occurredAt: new Date("2026-11-26T09:05:00Z"),
      timeSource: "platform",
    });
  });

  it("never keeps a message body", () => {
    const { events } = parseTwilio(
      asWebhookRequest(
        twilioRequest(VECTOR_URL, TOKEN, { MessageSid: "SM2", MessageStatus: "sent", To: "+1555", Body: "secret text" }),
        at,
      ),
    );
    expect(JSON.stringify(events[0].payload)).not.toContain("secret text");
  });
});
