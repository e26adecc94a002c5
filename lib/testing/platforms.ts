import { createHash, createHmac } from "node:crypto";
import type { WebhookRequest } from "../webhooks/adapter";
import { twilioSignedString } from "../webhooks/twilio";

// Signed requests exactly as each IM platform sends them (docs/platforms.md), for unit tests
// (WebhookRequest) and integration tests through the route (Request).

export interface Signed {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const hex = (alg: string, key: string, data: string) => createHmac(alg, key).update(data, "utf8").digest("hex");

export function whatsappRequest(url: string, secret: string, body: string): Signed {
  return { url, body, headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${hex("sha256", secret, body)}` } };
}

export function twilioRequest(url: string, authToken: string, params: Record<string, string>): Signed {
  const body = new URLSearchParams(params).toString();
  const signature = createHmac("sha1", authToken)
    .update(twilioSignedString(url, new URLSearchParams(body)))
    .digest("base64");
  return { url, body, headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature } };
}

export function sendbirdRequest(url: string, masterToken: string, body: string): Signed {
  return {
    url,
    body,
    headers: { "content-type": "application/json", "x-sendbird-signature": hex("sha256", masterToken, body), "user-agent": "SendBird" },
  };
}

/** Tencent signs only token + RequestTime, in the query string. */
export function tencentRequest(
  url: string,
  token: string,
  body: string,
  opts: { requestTime: number; sdkAppId?: string; command?: string; platform?: string },
): Signed {
  const u = new URL(url);
  u.searchParams.set("SdkAppid", opts.sdkAppId ?? "1400000001");
  u.searchParams.set("CallbackCommand", opts.command ?? (JSON.parse(body) as { CallbackCommand: string }).CallbackCommand);
  u.searchParams.set("contenttype", "json");
  u.searchParams.set("ClientIP", "203.0.113.7");
  u.searchParams.set("OptPlatform", opts.platform ?? "iOS");
  u.searchParams.set(
    "Sign",
    createHash("sha256")
      .update(token + opts.requestTime)
      .digest("hex"),
  );
  u.searchParams.set("RequestTime", String(opts.requestTime));
  return { url: u.toString(), body, headers: { "content-type": "application/json" } };
}

export function streamRequest(url: string, secret: string, body: string, webhookId: string): Signed {
  return {
    url,
    body,
    headers: {
      "content-type": "application/json",
      "x-signature": hex("sha256", secret, body),
      "x-webhook-id": webhookId,
      "x-webhook-attempt": "1",
      "x-api-key": "stream-key",
    },
  };
}

export function asWebhookRequest(s: Signed, receivedAt = new Date()): WebhookRequest {
  return { url: s.url, headers: new Headers(s.headers), body: Buffer.from(s.body, "utf8"), receivedAt };
}

export function asRequest(s: Signed): Request {
  return new Request(s.url, { method: "POST", headers: s.headers, body: s.body });
}
