import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { PrivateIngestWriter } from "../ingest";
import type { WebhookRequest } from "./adapter";
import { ADAPTERS } from "./adapters";
import { findSource } from "./sources";

// Replay: re-run a source's stored webhook requests through its current adapter, after an
// adapter fix. Signatures are not checked again (they were checked on arrival, and Tencent's
// and Standard Webhooks' time windows have long passed); events keep their idempotency keys, so
// whatever was already stored is recognised and only what the old adapter missed is applied.
// Each request keeps its original arrival time (Twilio's event time).

export interface ReplayReport {
  requests: number;
  /** Events the adapter produced now. */
  events: number;
  /** Newly applied (or parked, waiting for their message). */
  applied: number;
  /** Already stored under the same idempotency key: not applied again, not logged again. */
  alreadyStored: number;
  ignored: number;
  errors: { requestId: string; message: string }[];
}

const PAGE = 200;

export async function replaySource(db: Db, sourceId: string, opts: { since?: Date; until?: Date } = {}): Promise<ReplayReport> {
  const source = await findSource(db, sourceId);
  if (!source) throw new ApiError("not_found", `No source with id "${sourceId}".`);
  const adapter = ADAPTERS[source.platform];
  // The same privacy rules as live ingestion (content removed, pseudonyms where configured).
  const writer = new PrivateIngestWriter(async () => db);
  const report: ReplayReport = { requests: 0, events: 0, applied: 0, alreadyStored: 0, ignored: 0, errors: [] };
  let after = "0";
  for (;;) {
    const rows = await query<{ id: string; receivedAt: Date; url: string; headers: Record<string, string>; body: string }>(
      db.prisma,
      `SELECT id::text AS id, received_at AS "receivedAt", url, headers, body FROM webhook_requests
       WHERE workspace_id = $1 AND source_id = $2 AND id > $3::bigint
         AND received_at >= COALESCE($4::timestamptz, '-infinity') AND received_at < COALESCE($5::timestamptz, 'infinity')
       ORDER BY id LIMIT ${PAGE}`,
      [source.workspaceId, source.id, after, opts.since ?? null, opts.until ?? null],
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const batches = rows.flatMap((r) => {
      report.requests++;
      const req: WebhookRequest = {
        body: Buffer.from(r.body, "utf8"),
        headers: new Headers(r.headers),
        url: r.url,
        receivedAt: new Date(r.receivedAt),
      };
      try {
        const { events, ignored } = adapter.parse(req, source);
        report.events += events.length;
        report.ignored += ignored;
        return [{ receivedAt: req.receivedAt, events }];
      } catch (err) {
        report.errors.push({ requestId: r.id, message: (err as Error).message });
        return [];
      }
    });
    // Only events whose key is not in the log go to the writer, so a replay does not fill the
    // log and the duplicate counters with copies of what is already there.
    const keys = [...new Set(batches.flatMap((b) => b.events.map((e) => e.key)))];
    const stored = new Set(
      keys.length
        ? (
            await query<{ key: string }>(
              db.prisma,
              `SELECT dedup_key AS key FROM receipt_events
               WHERE workspace_id = $1 AND dedup_key IN (SELECT jsonb_array_elements_text($2::jsonb))`,
              [source.workspaceId, JSON.stringify(keys)],
            )
          ).map((r) => r.key)
        : [],
    );
    const outcomes = await Promise.all(
      batches.map((b) => {
        const fresh = b.events.filter((e) => !stored.has(e.key));
        report.alreadyStored += b.events.length - fresh.length;
        return writer.submit({ workspaceId: source.workspaceId, sourceId: source.id, receivedAt: b.receivedAt, events: fresh });
      }),
    );
    for (const list of outcomes)
      for (const o of list) {
        if (o === "duplicate") report.alreadyStored++;
        else report.applied++;
      }
  }
  return report;
}
