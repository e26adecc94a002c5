import { z } from "zod";

// One error type, one mapper, one JSON shape: { error: { code, message, ...details } }.

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "not_configured"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "storage_unavailable"
  | "not_implemented"
  | "bad_gateway"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** A setting the request needs is missing (e.g. no nudge webhook): the message says where to set it. */
  not_configured: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  storage_unavailable: 503,
  not_implemented: 501,
  internal: 500,
  /** A system we called (an outgoing webhook's receiver) failed. */
  bad_gateway: 502,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export class StorageUnavailableError extends ApiError {
  constructor(cause?: unknown) {
    super("storage_unavailable", "Storage is unavailable; nothing was stored. Retry later.", undefined, { "Retry-After": "5" });
    this.cause = cause;
  }
}

// SQLSTATEs that mean "try again later": serialization failure, deadlock, read-only after a
// failover, insufficient resources (too many connections, disk full), statement cancelled.
const RETRYABLE_STATES = /^(40001|40P01|25006|53\d{3}|57014|57P0\d|08\d{3})$/;

/** Connection-level failures (database down, restarting, unreachable) as opposed to bad data. */
export function isStorageFailure(err: unknown): boolean {
  const state = (err as { code?: unknown })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof state === "string" && RETRYABLE_STATES.test(state)) return true;
  const text = `${(err as { code?: string })?.code ?? ""} ${(err as Error)?.message ?? ""} ${(err as { cause?: Error })?.cause?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection.*(closed|ended|lost)|terminating connection|server closed|57P0\d|08\d{3}|P1001|P1017|database system is (starting|shutting)|Can't reach database|PGlite is closed|timeout/i.test(
    text,
  );
}

export function errorResponse(err: unknown): Response {
  const e =
    err instanceof ApiError
      ? err
      : err instanceof z.ZodError
        ? new ApiError("bad_request", err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "))
        : isStorageFailure(err)
          ? new StorageUnavailableError(err)
          : new ApiError("internal", "Something went wrong on our side; it has been logged.");
  if (e.code === "internal") console.error(err);
  return Response.json({ error: { code: e.code, message: e.message, ...e.details } }, { status: e.status, headers: e.headers });
}
