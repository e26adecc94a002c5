import type { Db } from "../db/client";
import { grainsSql, grainStartSql, type CoarseTable } from "../ingest/grains";
import { query } from "../db/sql";
import type { Outcome } from "../ingest/apply-batch";
import { parseCanonical } from "../ingest/canonical";
import type { IngestEvent } from "../ingest/events";
import { PrivateIngestWriter, type EventWriter } from "../ingest";
import type { CanonicalEvent } from "../simulator/scenario";

/** Test events in the form the writer takes (a test event that does not parse is a bug in the test). */
export function parseEvents(events: CanonicalEvent[] | object[], receivedAt = new Date()): IngestEvent[] {
  return events.map((e) => {
    const r = parseCanonical(e, receivedAt);
    if (!r.ok) throw new Error(`bad test event ${JSON.stringify(e)}: ${r.message}`);
    return r.event;
  });
}

/** Feed canonical events through the real writer (group commit and privacy rules included), `batch` at a time. */
export async function ingest(
  db: Db,
  workspaceId: string,
  events: CanonicalEvent[] | object[],
  opts: { batch?: number; sourceId?: string | null; writer?: EventWriter } = {},
): Promise<Outcome[]> {
  const writer = new PrivateIngestWriter(async () => db, opts.writer);
  const receivedAt = new Date();
  const parsed = parseEvents(events, receivedAt);
  const out: Outcome[] = [];
  const size = opts.batch ?? 250;
  for (let i = 0; i < parsed.length; i += size) {
    out.push(...(await writer.submit({ workspaceId, sourceId: opts.sourceId ?? null, receivedAt, events: parsed.slice(i, i + size) })));
  }
  return out;
}

export async function createWorkspace(db: Db, id: string, timezone = "UTC"): Promise<void> {
  await db.prisma.workspace.upsert({ where: { id }, create: { id, slug: id, name: id, timezone }, update: {} });
}

/** Everything that defines the ingested state, in a stable order, for equality checks. */
export async function snapshot(db: Db, workspaceId: string) {
  const deliveries = await query(
    db.prisma,
    `SELECT message_id, recipient_id, status::text, cohort_at, sent_at, delivered_at, read_at, failed_at, read_by_watermark,
       error_code, client_platform, kind::text, campaign_id, variant
     FROM deliveries WHERE workspace_id = $1 ORDER BY message_id, recipient_id`,
    [workspaceId],
  );
  const rollups = await query(
    db.prisma,
    `SELECT bucket_start, kind::text, campaign_id, variant, announcement_id, sender_id, source_id, client_platform,
       sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(read)::int AS read, sum(failed)::int AS failed,
       round(sum(ttr_sum)::numeric, 3)::text AS ttr_sum
     FROM delivery_rollups WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
     HAVING sum(sent) <> 0 OR sum(delivered) <> 0 OR sum(read) <> 0 OR sum(failed) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    [workspaceId],
  );
  const bins = await query(
    db.prisma,
    `SELECT bucket_start, kind::text, campaign_id, variant, announcement_id, sender_id, source_id, client_platform, bin,
       sum(count)::int AS count
     FROM ttr_rollups WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    [workspaceId],
  );
  const coarse = await coarseRollups(db, workspaceId, "stored");
  const replies = await query(
    db.prisma,
    `SELECT conversation_id, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id
     FROM support_replies WHERE workspace_id = $1 ORDER BY conversation_id, turn`,
    [workspaceId],
  );
  return { deliveries, rollups, bins, coarse, replies };
}

const TOTALS_KEY = "bucket_start, kind::text, campaign_id, variant, source_id, client_platform";
const SPLIT_KEY = "kind::text, source_id, client_platform, bin";
const COUNTS = `sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(read)::int AS read,
  sum(failed)::int AS failed, round(sum(ttr_sum)::numeric, 3)::text AS ttr_sum`;
const NONZERO = "sum(sent) <> 0 OR sum(delivered) <> 0 OR sum(read) <> 0 OR sum(failed) <> 0";
// Rows of the 15-minute tables once per coarse grain, keyed like the coarse tables.
const byGrain = (table: string, coarse: CoarseTable) =>
  `(SELECT t.*, g.minutes::int AS minutes, ${grainStartSql("t.bucket_start")} AS grain_start
    FROM ${table} t CROSS JOIN ${grainsSql(coarse)}) AS t`;

/**
 * The coarse rollup tables summed over shards — or, from "fine", what they must hold: the
 * 15-minute rows summed over the dimensions they drop (and over UTC hours, days and weeks).
 */
export async function coarseRollups(db: Db, workspaceId: string, from: "stored" | "fine" = "fine") {
  const stored = from === "stored";
  const totals = await query(
    db.prisma,
    `SELECT ${TOTALS_KEY}, ${COUNTS} FROM ${stored ? "delivery_totals" : "delivery_rollups"} WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  const ttrSplits = await query(
    db.prisma,
    `SELECT minutes::int AS minutes, ${stored ? "bucket_start" : "grain_start"} AS bucket_start, ${SPLIT_KEY}, sum(count)::int AS count
     FROM ${stored ? "ttr_split_coarse" : byGrain("ttr_rollups", "ttr_split_coarse")} WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  const grains = await query(
    db.prisma,
    `SELECT minutes::int AS minutes, ${stored ? "bucket_start" : "grain_start"} AS bucket_start, kind::text, source_id, client_platform, ${COUNTS}
     FROM ${stored ? "delivery_coarse" : byGrain("delivery_rollups", "delivery_coarse")} WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5 HAVING ${NONZERO} ORDER BY 1, 2, 3, 4, 5`,
    [workspaceId],
  );
  const senderGrains = await query(
    db.prisma,
    `SELECT minutes::int AS minutes, ${stored ? "bucket_start" : "grain_start"} AS bucket_start, kind::text, sender_id, source_id, client_platform, ${COUNTS}
     FROM ${stored ? "sender_coarse" : byGrain("delivery_rollups", "sender_coarse")} WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  const ttrGrains = await query(
    db.prisma,
    `SELECT minutes::int AS minutes, ${stored ? "bucket_start" : "grain_start"} AS bucket_start, kind::text, bin, sum(count)::int AS count
     FROM ${stored ? "ttr_coarse" : byGrain("ttr_rollups", "ttr_coarse")} WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4`,
    [workspaceId],
  );
  // Failures come straight from delivery state: the failed deliveries of each bucket by error.
  const failures = await query(
    db.prisma,
    stored
      ? `SELECT minutes::int AS minutes, bucket_start, kind::text, source_id, client_platform, error_code, error_title, sum(failed)::int AS failed
         FROM failure_rollups WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(failed) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`
      : `SELECT g.minutes::int AS minutes, ${grainStartSql("cohort_at")} AS bucket_start, kind::text,
           coalesce(source_id, '') AS source_id, coalesce(client_platform, '') AS client_platform,
           left(coalesce(error_code, ''), 200) AS error_code, left(coalesce(error_title, ''), 200) AS error_title, count(*)::int AS failed
         FROM deliveries CROSS JOIN ${grainsSql("failure_rollups")}
         WHERE workspace_id = $1 AND status = 'failed' GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    [workspaceId],
  );
  // Campaign totals against the 15-minute totals: sums, and the first and last bucket written.
  const campaignTotals = await query(
    db.prisma,
    `SELECT campaign_id, variant, kind::text, source_id, client_platform, ${COUNTS},
       min(${stored ? "first_at" : "bucket_start"}) AS first_at, max(${stored ? "last_at" : "bucket_start"}) AS last_at
     FROM ${stored ? "campaign_totals" : "delivery_totals"} WHERE workspace_id = $1 AND campaign_id <> ''
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    [workspaceId],
  );
  const campaignFailures = await query(
    db.prisma,
    stored
      ? `SELECT campaign_id, variant, kind::text, source_id, client_platform, error_code, error_title, sum(failed)::int AS failed
         FROM campaign_failures WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(failed) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`
      : `SELECT campaign_id, coalesce(variant, '') AS variant, kind::text, coalesce(source_id, '') AS source_id,
           coalesce(client_platform, '') AS client_platform, left(coalesce(error_code, ''), 200) AS error_code,
           left(coalesce(error_title, ''), 200) AS error_title, count(*)::int AS failed
         FROM deliveries WHERE workspace_id = $1 AND status = 'failed' AND campaign_id IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    [workspaceId],
  );
  // Replies from their pairs, with the agent's first reply per conversation found by a window.
  const BIN = `CASE WHEN secs < 1 THEN 0 ELSE floor(log(2.0, secs::numeric) * 8)::int + 1 END`;
  const replies = await query(
    db.prisma,
    stored
      ? `SELECT minutes::int AS minutes, bucket_start, agent_id, source_id, is_first, bin, edge, sum(replies)::int AS replies,
           round(sum(seconds)::numeric, 3)::text AS seconds, sum(conversations)::int AS conversations
         FROM reply_rollups WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(replies) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`
      : `SELECT g.minutes::int AS minutes, ${grainStartSql("opened_at")} AS bucket_start, agent_id, source_id, is_first,
           ${BIN} AS bin, width_bucket(secs, ARRAY[300, 1800, 3600, 14400, 28800, 86400]::float8[]) AS edge, count(*)::int AS replies,
           round(sum(secs)::numeric, 3)::text AS seconds, count(*) FILTER (WHERE agent_first)::int AS conversations
         FROM (SELECT *, extract(epoch FROM answered_at - asked_at)::float8 AS secs,
                 row_number() OVER (PARTITION BY conversation_id, agent_id ORDER BY turn) = 1 AS agent_first
               FROM support_replies WHERE workspace_id = $1) AS p
         CROSS JOIN ${grainsSql("reply_rollups")}
         GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    [workspaceId],
  );
  return { totals, ttrSplits, grains, senderGrains, ttrGrains, failures, campaignTotals, campaignFailures, replies };
}

/** The rollups recomputed from scratch from delivery state, independently of the ingest code. */
export async function recomputedRollups(db: Db, workspaceId: string) {
  return query(
    db.prisma,
    `SELECT to_timestamp(floor(extract(epoch FROM cohort_at) / 900) * 900) AS bucket_start, kind::text,
       coalesce(campaign_id, '') AS campaign_id, coalesce(variant, '') AS variant, coalesce(announcement_id, '') AS announcement_id,
       coalesce(sender_id, '') AS sender_id, coalesce(source_id, '') AS source_id, coalesce(client_platform, '') AS client_platform,
       count(*)::int AS sent, count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered,
       count(*) FILTER (WHERE status = 'read')::int AS read, count(*) FILTER (WHERE status = 'failed')::int AS failed,
       round(coalesce(sum(greatest(0, extract(epoch FROM read_at - coalesce(sent_at, cohort_at)))) FILTER (WHERE status = 'read'), 0)::numeric, 3)::text AS ttr_sum
     FROM deliveries WHERE workspace_id = $1
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    [workspaceId],
  );
}
