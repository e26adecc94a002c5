import { ApiError, isStorageFailure, StorageUnavailableError, type ErrorCode } from "../api/errors";
import type { ChangeNotice } from "../realtime/bus";
import type { BatchItem, Outcome } from "./apply-batch";

// Messages between the HTTP thread and the ingestion worker (worker-client.ts, writer-worker.ts).
// Events, dates and outcomes cross as structured clones; errors cross as plain data and are
// rebuilt on the HTTP thread, so the answer (400, 503 + Retry-After, …) is the same either way.

export type ToWorker = { id: number; item: BatchItem };

export type FromWorker = { id: number; outcomes: Outcome[] } | { id: number; error: WireError } | { notice: ChangeNotice };

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
