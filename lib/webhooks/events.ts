import { ERROR_CODE_MAX, ERROR_TITLE_MAX, parseCanonical } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";
import { badRequest } from "./verify";

/**
 * Turns an adapter's canonical-shaped event into an ingest event through the canonical parser
 * (same validation and normalisation as the generic webhook), keeping the platform's own item
 * as the payload written to the event log. `where` names the item in error messages.
 */
export function canonicalEvent(value: Record<string, unknown>, receivedAt: Date, payload: unknown, where: string): IngestEvent {
  const r = parseCanonical(withErrorCut(value), receivedAt);
  if (!r.ok) throw badRequest(`${where}: ${r.message}`);
  r.event.payload = payload;
  return r.event;
}

// A platform's error code and text are its own: cut to what the canonical format keeps rather
// than refuse a bundle of statuses, which the platform would retry for days. Never inside a
// surrogate pair (a lone half cannot be stored).
function cut(s: unknown, max: number): unknown {
  if (typeof s !== "string" || s.length <= max) return s;
  const head = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}
function withErrorCut(value: Record<string, unknown>): Record<string, unknown> {
  const error = value.error as { code?: unknown; title?: unknown } | null | undefined;
  if (!error || typeof error !== "object") return value;
  return { ...value, error: { ...error, code: cut(error.code, ERROR_CODE_MAX), title: cut(error.title, ERROR_TITLE_MAX) } };
}

export const iso = (d: Date | null | undefined): string | undefined => (d ? d.toISOString() : undefined);
