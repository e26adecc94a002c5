import { createHash } from "node:crypto";
import type { RequestRow } from "../ingest/store";
import type { PlatformAdapter, WebhookRequest } from "./adapter";
import { withoutContent } from "./verify";

// Accepted webhook requests are kept (without message content or signatures) so that a later
// adapter can re-run them: events an old adapter skipped or mis-mapped are recovered by replay.
// They are written in the same transaction as their events (group commit), so a request is kept
// exactly when its events are.

export interface StoredRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Query parameters that authenticate one attempt (they change on retries and prove nothing later). */
const AUTH_PARAMS = ["Sign", "RequestTime", "bodySHA256"];

export function replayForm(adapter: PlatformAdapter, req: WebhookRequest): StoredRequest {
  const url = new URL(req.url);
  for (const p of AUTH_PARAMS) url.searchParams.delete(p);
  const headers: Record<string, string> = {};
  for (const name of ["content-type", ...(adapter.replayHeaders ?? [])]) {
    const v = req.headers.get(name);
    if (v !== null) headers[name] = v;
  }
  return { url: url.toString(), headers, body: contentFree(req.body, headers["content-type"] ?? "") };
}

function contentFree(body: Buffer, contentType: string): string {
  const text = body.toString("utf8");
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(text);
    params.delete("Body");
    return params.toString();
  }
  try {
    return JSON.stringify(withoutContent(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** The request as stored with its events (lib/ingest/store.ts insertRequests). */
export function requestRow(workspaceId: string, sourceId: string, receivedAt: Date, request: StoredRequest): RequestRow {
  return { ws: workspaceId, sourceId, digest: digest(request), receivedAt, url: request.url, body: request.body, headers: request.headers };
}

function digest(r: StoredRequest): string {
  return createHash("sha256")
    .update(`${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`)
    .digest("hex");
}
