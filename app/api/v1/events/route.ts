import { z } from "zod";
import { readBody, requireMediaType } from "@/lib/api/body";
import { ApiError, StorageUnavailableError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { ingestWriter } from "@/lib/ingest";
import { batchJob } from "@/lib/ingest/batch-job";
import { pseudonymKeyFor } from "@/lib/privacy/settings";

export const dynamic = "force-dynamic";

const MAX_BATCH_BYTES = 32 * 1024 * 1024;

// Parsing, limits and commits happen where the writer runs (lib/ingest/batch-job.ts).
export const POST = withApi({
  scope: "ingest",
  query: z.object({ source: z.string().min(1).optional() }),
  handler: async ({ req, db, scope, query }) => {
    const type = requireMediaType(req, ["application/x-ndjson", "application/json"]);
    if (query.source) {
      const src = await db.prisma.source.findFirst({ where: { id: query.source, workspaceId: scope.workspaceId } });
      if (!src) throw new ApiError("not_found", `No source "${query.source}" in this workspace.`);
    }
    const receivedAt = new Date();
    const body = await readBody(req, MAX_BATCH_BYTES);
    const key = await pseudonymKeyFor(db, scope.workspaceId).catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const job = batchJob(scope.workspaceId, query.source ?? null, receivedAt, body, type === "application/json", key);
    const result = await ingestWriter().submitBatch(job);
    if (result.accepted + result.duplicates === 0 && result.errors.length > 0)
      return Response.json(
        { ...result, error: { code: "bad_request", message: "No valid events in the batch; see errors." } },
        { status: 400 },
      );
    return result;
  },
});
