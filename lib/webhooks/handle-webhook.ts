import { readBody, requireMediaType } from "../api/body";
import { ApiError, errorResponse, StorageUnavailableError } from "../api/errors";
import { enforceRateLimit } from "../api/rate-limit";
import { getDb, type Db } from "../db/client";
import { ingestWriter } from "../ingest";
import { addSourceStats } from "../ingest/store";
import { parseGeneric, type AdapterResult, type WebhookRequest } from "./generic";
import { findSource, type ResolvedSource } from "./sources";

// The webhook recipe: raw bytes → verify → parse with the source's adapter → durable commit →
// acknowledge. Nothing is acknowledged before it is committed; storage trouble answers 503.

const MAX_WEBHOOK_BYTES = 1024 * 1024;

type Adapter = (req: WebhookRequest, source: ResolvedSource) => AdapterResult;

const ADAPTERS: Partial<Record<ResolvedSource["platform"], Adapter>> = {
  generic: (req, source) => parseGeneric(req, source.secrets),
};

export async function handleWebhook(req: Request, sourceId: string): Promise<Response> {
  const receivedAt = new Date();
  let db: Db | undefined;
  let source: ResolvedSource | null = null;
  try {
    db = await getDb().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    source = await findSource(db, sourceId);
    if (!source) throw new ApiError("not_found", `No source with id "${sourceId}".`);
    if (!source.enabled) throw new ApiError("not_found", `Source "${sourceId}" is disabled.`);
    enforceRateLimit("source", source.id);
    const adapter = ADAPTERS[source.platform];
    if (!adapter) throw new ApiError("not_implemented", `Webhooks for ${source.platform} sources are not available yet.`);
    requireMediaType(req, ["application/json"]);
    const body = await readBody(req, MAX_WEBHOOK_BYTES);
    const { events, ignored } = adapter({ body, headers: req.headers, receivedAt }, source);
    const outcomes = await ingestWriter().submit({ workspaceId: source.workspaceId, sourceId: source.id, receivedAt, events });
    return Response.json({
      accepted: outcomes.filter((o) => o !== "duplicate").length,
      duplicates: outcomes.filter((o) => o === "duplicate").length,
      ignored,
    });
  } catch (err) {
    if (db && source && err instanceof ApiError && (err.code === "unauthorized" || err.code === "bad_request")) {
      await countRejection(db, source, err.code === "unauthorized" ? "signatureFailures" : "parseErrors");
    }
    return errorResponse(err);
  }
}

async function countRejection(db: Db, source: ResolvedSource, field: "signatureFailures" | "parseErrors"): Promise<void> {
  const zero = { accepted: 0, duplicates: 0, outOfOrder: 0, waiting: 0, signatureFailures: 0, parseErrors: 0 };
  await addSourceStats(db.prisma, [
    { ws: source.workspaceId, sourceId: source.id, ...zero, [field]: 1, lastEventAt: null, lastReceivedAt: null },
  ]).catch(
    () => {}, // health counters are best-effort; the rejection itself is what matters
  );
}
