import { StorageUnavailableError } from "../api/errors";
import { getDb, type Db } from "../db/client";
import { env } from "../env";
import { storableEvents } from "../privacy/minimise";
import { pseudonymKeyFor } from "../privacy/settings";
import type { WebhookJob, WebhookResult } from "../webhooks/accept";
import type { BatchItem, Outcome } from "./apply-batch";
import type { BatchJob, BatchJobResult } from "./batch-job";
import { WorkerWriter } from "./worker-client";
import { IngestWriter } from "./writer";

/** Takes a request's events and resolves with their outcomes once they are durably committed. */
export interface EventWriter {
  submit(item: BatchItem): Promise<Outcome[]>;
  /** A webhook request: verified, parsed and made storable by the committing thread (webhooks/accept.ts). */
  submitWebhook(job: WebhookJob): Promise<WebhookResult>;
  /** A request to the batch endpoint: parsed, checked and committed by the committing thread (batch-job.ts). */
  submitBatch(job: BatchJob): Promise<BatchJobResult>;
}

// The process-wide writer (one per process, kept across dev reloads).
const holder = globalThis as unknown as { __receiptsWriter?: EventWriter };

/**
 * Every route submits through this writer, so events are made storable (`storableEvents`,
 * lib/privacy) before anything is written. Webhook and batch jobs carry their workspace's
 * pseudonym key and are made storable where they are parsed.
 */
export class PrivateIngestWriter implements EventWriter {
  constructor(
    private readonly openDb: () => Promise<Db>,
    /** The writer that commits: in this thread by default, or the ingestion worker's. */
    private readonly inner: EventWriter = new IngestWriter(openDb),
  ) {}

  async submit(item: BatchItem): Promise<Outcome[]> {
    if (item.events.length === 0) return this.inner.submit(item);
    const key = await this.openDb()
      .then((db) => pseudonymKeyFor(db, item.workspaceId))
      .catch((e) => {
        throw new StorageUnavailableError(e);
      });
    return this.inner.submit({ ...item, events: storableEvents(item.events, key) });
  }

  submitWebhook(job: WebhookJob): Promise<WebhookResult> {
    return this.inner.submitWebhook(job);
  }

  submitBatch(job: BatchJob): Promise<BatchJobResult> {
    return this.inner.submitBatch(job);
  }
}

/** On PostgreSQL commits happen in the ingestion worker thread (worker-client.ts); PGlite lives in this thread. */
export function ingestWriter(): EventWriter {
  return (holder.__receiptsWriter ??= newWriter(env().DATABASE_URL));
}

function newWriter(databaseUrl: string | undefined): EventWriter {
  return new PrivateIngestWriter(getDb, databaseUrl ? new WorkerWriter(databaseUrl) : undefined);
}

export function setIngestWriter(w: EventWriter | undefined): void {
  holder.__receiptsWriter = w;
}
