import type { BatchItem, Outcome } from "../ingest/apply-batch";
import { storableEvents } from "../privacy/minimise";
import type { HeaderBag, WebhookRequest } from "./adapter";
import { ADAPTERS } from "./adapters";
import { replayForm, requestRow } from "./request-log";
import type { ResolvedSource } from "./sources";

// What a webhook request becomes once its source is known and its body read: verify → parse →
// make storable → the batch item that commits its events (and keeps the request for replay).
// It is plain data, so the thread that commits can do this work: on PostgreSQL that is the
// ingestion worker, which takes the signature check, JSON parsing and validation off the HTTP
// thread — the one thread that Next.js serves every request on, and the scarce one under load.

export interface WebhookJob {
  source: ResolvedSource;
  /** The workspace's pseudonym key when it pseudonymises (the request is then not kept). */
  pseudonymKey: Uint8Array | null;
  /** The raw body, in a buffer of its own (it may be transferred to the worker). */
  body: Uint8Array;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The URL the platform called, as it saw it. */
  url: string;
  receivedAt: Date;
}

export interface WebhookResult {
  outcomes: Outcome[];
  /** Event kinds we do not track, acknowledged and skipped. */
  ignored: number;
}

export function webhookJob(
  source: ResolvedSource,
  pseudonymKey: Buffer | null,
  body: Buffer,
  headers: Headers,
  url: string,
  receivedAt: Date,
): WebhookJob {
  return {
    source,
    pseudonymKey: pseudonymKey && new Uint8Array(pseudonymKey),
    body: new Uint8Array(body), // a copy: the caller keeps `body` for its rejection record
    headers: Object.fromEntries(headers),
    url,
    receivedAt,
  };
}

/** Throws the adapter's 401/400 when the request does not verify or parse. */
export function webhookBatch(job: WebhookJob): { item: BatchItem; ignored: number } {
  const adapter = ADAPTERS[job.source.platform];
  const request: WebhookRequest = {
    body: Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength),
    headers: headerBag(job.headers),
    url: job.url,
    receivedAt: job.receivedAt,
  };
  adapter.verify(request, job.source);
  const { events, ignored } = adapter.parse(request, job.source);
  const key = job.pseudonymKey && Buffer.from(job.pseudonymKey);
  const { workspaceId, id: sourceId } = job.source;
  const item: BatchItem = {
    workspaceId,
    sourceId,
    receivedAt: job.receivedAt,
    events: storableEvents(events, key),
    // The raw body carries the recipients' ids in clear, which a pseudonymising workspace never
    // stores: its requests are not kept (replay is then not available).
    request: key ? undefined : requestRow(workspaceId, sourceId, job.receivedAt, replayForm(adapter, request)),
  };
  return { item, ignored };
}

/** Commits a webhook job through a writer in this thread. */
export async function commitWebhook(writer: { submit(item: BatchItem): Promise<Outcome[]> }, job: WebhookJob): Promise<WebhookResult> {
  const { item, ignored } = webhookBatch(job);
  return { outcomes: await writer.submit(item), ignored };
}

export function headerBag(headers: Record<string, string>): HeaderBag {
  return { get: (name) => headers[name.toLowerCase()] ?? null };
}
