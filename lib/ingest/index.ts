import { getDb } from "../db/client";
import { IngestWriter } from "./writer";

// The process-wide writer (one per process, kept across dev reloads).
const holder = globalThis as unknown as { __receiptsWriter?: IngestWriter };

export function ingestWriter(): IngestWriter {
  return (holder.__receiptsWriter ??= new IngestWriter(getDb));
}

export function setIngestWriter(w: IngestWriter | undefined): void {
  holder.__receiptsWriter = w;
}
