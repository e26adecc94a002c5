import { readBody, requireMediaType } from "../api/body";
import { ApiError, errorResponse, StorageUnavailableError } from "../api/errors";
import { enforceRateLimit } from "../api/rate-limit";
import { getDb, type Db } from "../db/client";
import { env } from "../env";
import { ingestWriter } from "../ingest";
import { addSourceStats, statsDelta } from "../ingest/store";
import { pseudonymKeyFor } from "../privacy/settings";
import { webhookJob } from "./accept";
import { ADAPTERS } from "./adapters";
import { recordRejection } from "./rejections";
import { findSource, type ResolvedSource } from "./sources";
import { safeEqual } from "./verify";

// The webhook recipe: raw bytes → verify → parse with the source's adapter → durable commit →
// acknowledge in the platform's own way. Nothing is acknowledged before it is committed; storage
// trouble answers 503. Rejections are counted and the last ones kept for the Sources page.
// Verifying, parsing and committing happen in the writer's thread (webhooks/accept.ts).

const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The URL the platform called, which Twilio signs. Behind a proxy the server sees another host
 * or scheme, so the source's public base URL (else PUBLIC_BASE_URL) stands in for the origin.
 */
export function publicUrl(reqUrl: string, sourceId: string, base: string | null | undefined): string {
  if (!base) return reqUrl;
  return `${base.replace(/\/+$/, "")}/api/webhooks/${encodeURIComponent(sourceId)}${new URL(reqUrl).search}`;
}

export async function handleWebhook(req: Request, sourceId: string): Promise<Response> {
  const receivedAt = new Date();
  let db: Db | undefined;
  let source: ResolvedSource | null = null;
  let body: Buffer | null = null;
  try {
    db = await getDb().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    source = await findSource(db, sourceId);
    if (!source) throw new ApiError("not_found", `No source with id "${sourceId}".`);
    if (!source.enabled) throw new ApiError("not_found", `Source "${sourceId}" is disabled.`);
    enforceRateLimit("source", source.id);
    const adapter = ADAPTERS[source.platform];
    requireMediaType(req, adapter.contentTypes);
    body = await readBody(req, adapter.maxBytes ?? MAX_WEBHOOK_BYTES);
    const key = await pseudonymKeyFor(db, source.workspaceId).catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const url = publicUrl(req.url, source.id, source.publicBaseUrl ?? env().PUBLIC_BASE_URL);
    // A bundled POST (WhatsApp: up to 3 MB, thousands of statuses) is split into several
    // transactions by the writer; the reply waits for all of them.
    const { outcomes, ignored } = await ingestWriter().submitWebhook(webhookJob(source, key, body, req.headers, url, receivedAt));
    let duplicates = 0;
    for (const o of outcomes) if (o === "duplicate") duplicates++;
    const counts = { accepted: outcomes.length - duplicates, duplicates, ignored };
    return adapter.reply ? adapter.reply(counts) : Response.json(counts);
  } catch (err) {
    if (db && source && err instanceof ApiError && REJECTIONS.has(err.status)) await reject(db, source, err, body, receivedAt);
    return errorResponse(err);
  }
}

const REJECTIONS = new Set([400, 401, 413, 415]);

async function reject(db: Db, source: ResolvedSource, err: ApiError, body: Buffer | null, receivedAt: Date): Promise<void> {
  const field = err.code === "unauthorized" ? "signatureFailures" : "parseErrors";
  // Health records are best-effort; the rejection itself is what matters to the caller.
  await Promise.all([
    addSourceStats(db.prisma, [statsDelta(source.workspaceId, source.id, { [field]: 1 })]).catch(() => {}),
    pseudonymKeyFor(db, source.workspaceId)
      .then((key) =>
        recordRejection(db, {
          workspaceId: source.workspaceId,
          sourceId: source.id,
          receivedAt,
          status: err.status,
          code: err.code,
          reason: err.message,
          // A pseudonymising workspace keeps no clear ids: no excerpt of the body.
          body: key ? null : body,
        }),
      )
      .catch(() => {}),
  ]);
}

/**
 * WhatsApp's subscription handshake: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
 * is answered with the challenge as plain text when the token is the source's verify token.
 */
export async function handleVerification(req: Request, sourceId: string): Promise<Response> {
  try {
    const db = await getDb().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const source = await findSource(db, sourceId);
    if (!source || !source.enabled) throw new ApiError("not_found", `No source with id "${sourceId}".`);
    if (source.platform !== "whatsapp")
      throw new ApiError("not_found", `Source "${sourceId}" has no subscription handshake (only WhatsApp does).`);
    const q = new URL(req.url).searchParams;
    const token = q.get("hub.verify_token") ?? "";
    if (q.get("hub.mode") !== "subscribe" || !source.verifyToken || !safeEqual(token, source.verifyToken)) {
      throw new ApiError("forbidden", "hub.mode must be subscribe and hub.verify_token must be the source's verify token.");
    }
    return new Response(q.get("hub.challenge") ?? "", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  } catch (err) {
    return errorResponse(err);
  }
}
