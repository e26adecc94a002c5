import type { AdapterResult, HeaderBag, WebhookRequest } from "./generic";

export type { AdapterResult, HeaderBag, WebhookRequest };

/** What an adapter may know about its source: secrets and the platform's own identifiers. */
export interface AdapterSource {
  /** Current secret first, then the previous one while a rotation's grace period lasts. */
  secrets: string[];
  verifyToken?: string | null;
  /** The platform's app id (Tencent SdkAppid, Stream API key, Sendbird app_id); checked when set. */
  appId?: string | null;
}

/**
 * One IM platform: `verify` authenticates the raw request, `parse` maps it to canonical events.
 * Both are pure (no I/O, no clock: the arrival time comes in the request). They are separate so
 * that a stored request can be replayed through `parse` after an adapter fix.
 */
export interface PlatformAdapter {
  contentTypes: string[];
  /** Largest body accepted (1 MiB when omitted). */
  maxBytes?: number;
  verify(req: WebhookRequest, source: AdapterSource): void;
  parse(req: WebhookRequest, source: AdapterSource): AdapterResult;
  /** The success reply the platform expects; JSON counts when omitted. */
  reply?(result: { accepted: number; duplicates: number; ignored: number }): Response;
  /**
   * The request as kept for replay: the body without message content, and only the headers the
   * parser reads (never a signature). Omitted: the body as received, no headers.
   */
  replayHeaders?: string[];
}
