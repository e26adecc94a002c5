import { StorageUnavailableError } from "../api/errors";
import { getDb, type Db } from "../db/client";
import { minimiseEvent } from "../privacy/minimise";
import { pseudonymiseEvent } from "../privacy/pseudonymise";
import { pseudonymKeyFor } from "../privacy/settings";
import type { BatchItem, Outcome } from "./apply-batch";
import { IngestWriter } from "./writer";

// The process-wide writer (one per process, kept across dev reloads).
const holder = globalThis as unknown as { __receiptsWriter?: IngestWriter };

/**
 * The one place where privacy rules meet ingestion: every route submits through this writer, so
 * events are made storable before anything is written — no message content in payloads, and
 * in a pseudonymising workspace recipient-side ids replaced by their pseudonyms (and the raw
 * payload by the pseudonymised canonical event). See lib/privacy/*.
 */
export class PrivateIngestWriter extends IngestWriter {
  constructor(private readonly openDb: () => Promise<Db>) {
    super(openDb);
  }

  override async submit(item: BatchItem): Promise<Outcome[]> {
    if (item.events.length === 0) return super.submit(item);
    const key = await this.openDb()
      .then((db) => pseudonymKeyFor(db, item.workspaceId))
      .catch((e) => {
        throw new StorageUnavailableError(e);
      });
    const events = key ? item.events.map((e) => pseudonymiseEvent(key, e)) : item.events.map(minimiseEvent);
    return super.submit({ ...item, events });
  }
}

export function ingestWriter(): IngestWriter {
  return (holder.__receiptsWriter ??= new PrivateIngestWriter(getDb));
}

export function setIngestWriter(w: IngestWriter | undefined): void {
  holder.__receiptsWriter = w;
}
