import { ApiError, isStorageFailure, StorageUnavailableError, type ErrorCode } from "../api/errors";
import type { ChangeNotice } from "../realtime/bus";
import type { WebhookJob, WebhookResult } from "../webhooks/accept";
import type { BatchItem, Outcome } from "./apply-batch";
import type { BatchJob, BatchJobResult } from "./batch-job";

// Messages between the HTTP thread and the ingestion worker (worker-client.ts, writer-worker.ts).
// Events, dates and outcomes cross as structured clones; errors cross as plain data and are
// rebuilt on the HTTP thread, so the answer (400, 503 + Retry-After, …) is the same either way.

/**
 * The worker's answers: those of one turn of its event loop (a commit answers all its requests
 * at once) cross together, as one array. Each message costs the HTTP thread a wake-up and an
 * event; answers posted one by one came back later (measured: 8–15 ms from commit to the HTTP
 * thread, against 6–10 ms gathered).
 */
export class Outbox<T> {
  private queue: T[] = [];
  private transfer: ArrayBuffer[] = [];
  private scheduled = false;

  constructor(private readonly port: { postMessage(value: unknown, transfer?: ArrayBuffer[]): void }) {}

  post(message: T, transfer: ArrayBuffer[] = []): void {
    this.queue.push(message);
    this.transfer.push(...transfer);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      const [queue, transfer] = [this.queue, this.transfer];
      this.queue = [];
      this.transfer = [];
      this.scheduled = false;
      this.port.postMessage(queue, transfer);
    });
  }
}

export type ToWorker = { id: number; item: BatchItem } | { id: number; webhook: WebhookJob } | { id: number; batch: BatchJob };

export type FromWorker =
  { id: number; result: Outcome[] | WebhookResult | BatchJobResult } | { id: number; error: WireError } | { notice: ChangeNotice };

export type WireError =
  | { kind: "api"; code: ErrorCode; message: string; details?: Record<string, unknown>; headers?: Record<string, string> }
  | { kind: "storage"; message: string }
  | { kind: "other"; message: string; sqlState?: string };

export function toWire(err: unknown): WireError {
  if (err instanceof StorageUnavailableError) return { kind: "storage", message: String((err.cause as Error)?.message ?? "") };
  if (err instanceof ApiError) return { kind: "api", code: err.code, message: err.message, details: err.details, headers: err.headers };
  if (isStorageFailure(err)) return { kind: "storage", message: (err as Error)?.message ?? String(err) };
  const code = (err as { code?: unknown })?.code;
  return { kind: "other", message: (err as Error)?.message ?? String(err), sqlState: typeof code === "string" ? code : undefined };
}

export function fromWire(w: WireError): Error {
  switch (w.kind) {
    case "storage":
      return new StorageUnavailableError(new Error(w.message));
    case "api":
      return new ApiError(w.code, w.message, w.details, w.headers);
    default:
      return Object.assign(new Error(w.message), { code: w.sqlState });
  }
}
