import { ApiError } from "../api/errors";
import { storableEvents } from "../privacy/minimise";
import type { BatchItem, Outcome } from "./apply-batch";
import { parseBatch, type LineError } from "./canonical";
import { eventWeight, weight, type IngestEvent } from "./events";

// A request to the batch endpoint as plain data, parsed and committed by the thread that commits
// (the ingestion worker on PostgreSQL), like a webhook job (webhooks/accept.ts): the HTTP thread
// only reads the body. Parsed events were cloned to the worker before (~6 µs per event on top of
// ~12 µs of parsing, 5,000 events a request).

const CHUNK = 5_000;
/** Group sends count once per recipient: this bounds the work (and memory) of one request. */
const MAX_DELIVERIES = 200_000;

export interface BatchJob {
  workspaceId: string;
  sourceId: string | null;
  receivedAt: Date;
  /** NDJSON, or a JSON array when `asArray`. */
  body: Uint8Array;
  asArray: boolean;
  /** The workspace's pseudonym key when it pseudonymises. */
  pseudonymKey: Uint8Array | null;
}

export interface BatchJobResult {
  accepted: number;
  duplicates: number;
  /** Lines that were not valid events (the valid ones are kept). */
  errors: LineError[];
}

export function batchJob(
  workspaceId: string,
  sourceId: string | null,
  receivedAt: Date,
  body: Buffer,
  asArray: boolean,
  pseudonymKey: Buffer | null,
): BatchJob {
  return {
    workspaceId,
    sourceId,
    receivedAt,
    body: new Uint8Array(body),
    asArray,
    pseudonymKey: pseudonymKey && new Uint8Array(pseudonymKey),
  };
}

/** Parses and commits a batch through a writer in this thread; throws 400/413 for a body that cannot be taken. */
export async function commitBatch(writer: { submit(item: BatchItem): Promise<Outcome[]> }, job: BatchJob): Promise<BatchJobResult> {
  let parsed: ReturnType<typeof parseBatch>;
  try {
    parsed = parseBatch(
      Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength).toString("utf8"),
      job.asArray,
      job.receivedAt,
    );
  } catch (err) {
    throw new ApiError("bad_request", `The body is not a JSON array of events: ${(err as Error).message}`);
  }
  const { events, errors } = parsed;
  if (weight({ events }) > MAX_DELIVERIES)
    throw new ApiError("payload_too_large", `A batch may create at most ${MAX_DELIVERIES} deliveries; split it.`, {
      limit: MAX_DELIVERIES,
    });
  const key = job.pseudonymKey && Buffer.from(job.pseudonymKey);
  // Chunks commit in order; if storage fails midway the client gets a 503 and retries the whole
  // batch, and the chunks already stored come back as duplicates — nothing is lost.
  let accepted = 0;
  let duplicates = 0;
  for (const chunk of chunks(events, CHUNK)) {
    const item = { workspaceId: job.workspaceId, sourceId: job.sourceId, receivedAt: job.receivedAt, events: storableEvents(chunk, key) };
    for (const o of await writer.submit(item)) o === "duplicate" ? duplicates++ : accepted++;
  }
  return { accepted, duplicates, errors };
}

/** Consecutive slices of about `size` units of work (a group send weighs its recipients). */
function* chunks(events: IngestEvent[], size: number): Generator<IngestEvent[]> {
  let start = 0;
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    n += eventWeight(events[i]);
    if (n >= size) {
      yield events.slice(start, i + 1);
      start = i + 1;
      n = 0;
    }
  }
  if (start < events.length) yield events.slice(start);
}
