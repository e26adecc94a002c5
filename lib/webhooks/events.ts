import { parseCanonical } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";
import { badRequest } from "./verify";

/**
 * Turns an adapter's canonical-shaped event into an ingest event through the canonical parser
 * (same validation and normalisation as the generic webhook), keeping the platform's own item
 * as the payload written to the event log. `where` names the item in error messages.
 */
export function canonicalEvent(value: Record<string, unknown>, receivedAt: Date, payload: unknown, where: string): IngestEvent {
  const r = parseCanonical(value, receivedAt);
  if (!r.ok) throw badRequest(`${where}: ${r.message}`);
  r.event.payload = payload;
  return r.event;
}

export const iso = (d: Date | null | undefined): string | undefined => (d ? d.toISOString() : undefined);
