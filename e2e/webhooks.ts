import { Webhook } from "standardwebhooks";

// What the specs need to post receipts to the e2e workspace (e2e/provision.json) as a platform would.

/** The e2e workspace's generic source secret and API token. */
export const E2E_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const E2E_TOKEN = "rk_e2e_token_0000000001";

/** Standard Webhooks headers for `body`, signed now with `secret` (the library, not our verifier). */
export function signedHeaders(body: string, id: string, secret = E2E_SECRET): Record<string, string> {
  const ts = new Date();
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, ts, body),
  };
}
