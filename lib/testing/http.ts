import { Webhook } from "standardwebhooks";

let seq = 0;

/** A Standard-Webhooks-signed POST, as a generic source's sender would make it. */
export function signedWebhook(
  url: string,
  secret: string,
  body: string,
  opts: { id?: string; timestamp?: number; contentType?: string } = {},
): Request {
  const id = opts.id ?? `msg_test_${Date.now()}_${++seq}`;
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(secret).sign(id, new Date(ts * 1000), body);
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": opts.contentType ?? "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(ts),
      "webhook-signature": signature,
    },
    body,
  });
}

export function bearer(url: string, token: string, init: RequestInit = {}): Request {
  return new Request(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
}
