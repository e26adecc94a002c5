import { z } from "zod";
import { readBody, requireMediaType } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { ingestWriter } from "@/lib/ingest";
import { parseBatch } from "@/lib/ingest/canonical";
import type { IngestEvent } from "@/lib/ingest/events";
import { weight } from "@/lib/ingest/writer";

export const dynamic = "force-dynamic";

const MAX_BATCH_BYTES = 32 * 1024 * 1024;
const CHUNK = 5_000;
/** Group sends count once per recipient: this bounds the work (and memory) of one request. */
const MAX_DELIVERIES = 200_000;

/** Consecutive slices of about `size` units of work (a group send weighs its recipients). */
function* chunks(events: IngestEvent[], size: number): Generator<IngestEvent[]> {
  let start = 0;
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    n += weight({ events: [events[i]] });
    if (n >= size) {
      yield events.slice(start, i + 1);
      start = i + 1;
      n = 0;
    }
  }
  if (start < events.length) yield events.slice(start);
}

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
    const text = (await readBody(req, MAX_BATCH_BYTES)).toString("utf8");
    let parsed: ReturnType<typeof parseBatch>;
    try {
      parsed = parseBatch(text, type === "application/json", receivedAt);
    } catch (err) {
      throw new ApiError("bad_request", `The body is not a JSON array of events: ${(err as Error).message}`);
    }
    const { events, errors } = parsed;
    if (weight({ events }) > MAX_DELIVERIES)
      throw new ApiError("payload_too_large", `A batch may create at most ${MAX_DELIVERIES} deliveries; split it.`, {
        limit: MAX_DELIVERIES,
      });
    // Chunks commit in order; if storage fails midway the client gets a 503 and retries the
    // whole batch, and the chunks already stored come back as duplicates — nothing is lost.
    const writer = ingestWriter();
    let accepted = 0;
    let duplicates = 0;
    for (const chunk of chunks(events, CHUNK)) {
      const outcomes = await writer.submit({ workspaceId: scope.workspaceId, sourceId: query.source ?? null, receivedAt, events: chunk });
      for (const o of outcomes) o === "duplicate" ? duplicates++ : accepted++;
    }
    const body = { accepted, duplicates, errors };
    if (events.length === 0 && errors.length > 0)
      return Response.json(
        { ...body, error: { code: "bad_request", message: "No valid events in the batch; see errors." } },
        { status: 400 },
      );
    return body;
  },
});
