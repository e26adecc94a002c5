import type { Db } from "../db/client";
import { query, type Tx } from "../db/sql";
import { addSourceStats, statsDelta } from "../ingest/store";

// Retention: the raw event log is the only place that keeps every receipt as received; a
// workspace's `retentionDays` bounds how long. Delivery state and rollups are derived facts and
// stay. Receipts still parked for a message that never came (waiting_receipts) are raw events
// too and go with them. Deletion runs in bounded batches (short transactions, no long locks), and
// each run stops after `maxBatches` per workspace; the next run continues.
//
// Consequence worth knowing: a retry of an event older than the retention period is no longer
// recognised as a duplicate; applying it again is harmless (the delivery merge is idempotent).

export interface RetentionResult {
  workspaceId: string;
  cutoff: Date;
  events: number;
  waiting: number;
  /** Stored and rejected webhook requests (lib/webhooks/request-log.ts, rejections.ts). */
  requests: number;
  /** True when the run stopped at maxBatches with more left to delete. */
  more: boolean;
}

export async function applyRetention(
  db: Db,
  opts: { now?: Date; batchSize?: number; maxBatches?: number; workspaceId?: string } = {},
): Promise<RetentionResult[]> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 5_000;
  const maxBatches = opts.maxBatches ?? 200;
  const workspaces = await db.prisma.workspace.findMany({
    where: { retentionDays: { not: null }, ...(opts.workspaceId ? { id: opts.workspaceId } : {}) },
    select: { id: true, retentionDays: true },
  });
  const results: RetentionResult[] = [];
  for (const ws of workspaces) {
    const cutoff = new Date(now.getTime() - ws.retentionDays! * 86_400_000);
    const r: RetentionResult = { workspaceId: ws.id, cutoff, events: 0, waiting: 0, requests: 0, more: false };
    for (let i = 0; ; i++) {
      if (i >= maxBatches) {
        r.more = true;
        break;
      }
      const n = await deleteEvents(db.prisma, ws.id, cutoff, batchSize);
      r.events += n;
      if (n < batchSize) break;
    }
    // Webhook requests kept for replay and rejected requests are raw events too.
    for (const table of ["webhook_requests", "rejected_requests"] as const) {
      for (let i = 0; ; i++) {
        if (i >= maxBatches) {
          r.more = true;
          break;
        }
        const n = await deleteRequests(db.prisma, table, ws.id, cutoff, batchSize);
        r.requests += n;
        if (n < batchSize) break;
      }
    }
    for (let i = 0; ; i++) {
      if (i >= maxBatches) {
        r.more = true;
        break;
      }
      const n = await db.prisma.$transaction((tx) => deleteWaiting(tx, ws.id, cutoff, batchSize));
      r.waiting += n;
      if (n < batchSize) break;
    }
    results.push(r);
  }
  return results;
}

async function deleteEvents(tx: Tx, workspaceId: string, cutoff: Date, limit: number): Promise<number> {
  const rows = await query<{ n: number }>(
    tx,
    `WITH gone AS (
       DELETE FROM receipt_events WHERE workspace_id = $1 AND id IN (
         SELECT id FROM receipt_events WHERE workspace_id = $1 AND received_at < $2 LIMIT $3)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [workspaceId, cutoff, limit],
  );
  return rows[0].n;
}

async function deleteRequests(
  tx: Tx,
  table: "webhook_requests" | "rejected_requests",
  workspaceId: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const rows = await query<{ n: number }>(
    tx,
    `WITH gone AS (
       DELETE FROM ${table} WHERE workspace_id = $1 AND id IN (
         SELECT id FROM ${table} WHERE workspace_id = $1 AND received_at < $2 LIMIT $3)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [workspaceId, cutoff, limit],
  );
  return rows[0].n;
}

async function deleteWaiting(tx: Tx, workspaceId: string, cutoff: Date, limit: number): Promise<number> {
  const rows = await query<{ src: string; n: number }>(
    tx,
    `WITH gone AS (
       DELETE FROM waiting_receipts WHERE workspace_id = $1 AND event_key IN (
         SELECT event_key FROM waiting_receipts WHERE workspace_id = $1 AND received_at < $2 LIMIT $3)
       RETURNING source_id)
     SELECT coalesce(source_id, '') AS src, count(*)::int AS n FROM gone GROUP BY 1`,
    [workspaceId, cutoff, limit],
  );
  // The health counter `waiting` is the number parked per source: keep it true.
  await addSourceStats(
    tx,
    rows.map((r) => statsDelta(workspaceId, r.src, { waiting: -r.n })),
  );
  return rows.reduce((n, r) => n + r.n, 0);
}

// The periodic run inside the server: hourly, one run at a time, never crashing the process.
const holder = globalThis as unknown as { __receiptsRetention?: () => Promise<void> };

/**
 * Starts the periodic run (once per process); returns a function that stops it and resolves when
 * a run in progress has finished (so its caller may then close the database).
 */
export function scheduleRetention(getDb: () => Promise<Db>, opts: { everyMs?: number; firstAfterMs?: number } = {}): () => Promise<void> {
  if (holder.__receiptsRetention) return holder.__receiptsRetention;
  let current: Promise<void> | null = null;
  const run = () => (current ??= runOnce().finally(() => (current = null)));
  const runOnce = async () => {
    try {
      const results = await applyRetention(await getDb());
      const deleted = results.filter((r) => r.events || r.waiting);
      if (deleted.length)
        console.log(`retention: ${deleted.map((r) => `${r.workspaceId} −${r.events} events, −${r.waiting} parked`).join("; ")}`);
    } catch (err) {
      console.error("retention run failed; will retry at the next run:", (err as Error).message);
    }
  };
  // First run a minute after start (out of the way of start-up), then every hour.
  const first = setTimeout(run, opts.firstAfterMs ?? 60_000);
  const every = setInterval(run, opts.everyMs ?? 3_600_000);
  first.unref();
  every.unref();
  return (holder.__receiptsRetention = async () => {
    clearTimeout(first);
    clearInterval(every);
    holder.__receiptsRetention = undefined;
    await current;
  });
}
