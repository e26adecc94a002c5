// Rollups rebuilt set-based from delivery state, mirroring what ingestion writes incrementally
// (lib/ingest/delivery-state.ts contributionOf + store.addRollups): one row per 15-minute UTC
// bucket of send time × kind, campaign, variant, announcement, sender, source and client
// platform ('' = none); counts by current status; time-to-read = read − cohort time, at least 0,
// binned as bin 0 below 1 s, else floor(log2(s) × 8) + 1. rollups-sql.integration.test.ts proves
// the two agree. Used by the dashboard benchmark to seed 10M deliveries without replaying them.

import { grainsSql, grainStartSql } from "../../lib/ingest/grains";
import { replyRollupsSql, replyRows, storedPairs, supportRepliesSql } from "../../lib/ingest/support-replies-sql";

type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;

const KEY = `to_timestamp(floor(extract(epoch FROM cohort_at) / 900) * 900), kind, COALESCE(campaign_id, ''), COALESCE(variant, ''),
  COALESCE(announcement_id, ''), COALESCE(sender_id, ''), COALESCE(source_id, ''), COALESCE(client_platform, '')`;
const COLS = "workspace_id, bucket_start, kind, campaign_id, variant, announcement_id, sender_id, source_id, client_platform";
const TTR = "GREATEST(0, extract(epoch FROM read_at - cohort_at))";
// The coarse tables: every 15-minute row once per grain of the table, at the bucket holding it.
const GRAIN_START = grainStartSql("bucket_start");

export async function rebuildRollups(exec: Exec, workspaceId: string): Promise<void> {
  await exec(`DELETE FROM delivery_rollups WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM ttr_rollups WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM delivery_totals WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM ttr_split_coarse WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM delivery_coarse WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM ttr_coarse WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM failure_rollups WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM campaign_failures WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM campaign_totals WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM sender_coarse WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM reply_rollups WHERE workspace_id = $1`, [workspaceId]);
  await exec(`DELETE FROM support_replies WHERE workspace_id = $1`, [workspaceId]);
  // Reply pairs of every conversation, with the statement ingestion runs per touched conversation.
  await exec(supportRepliesSql(`(SELECT workspace_id AS ws, id AS c FROM conversations WHERE workspace_id = $1) AS t`), [workspaceId]);
  await exec(replyRollupsSql(replyRows(1, storedPairs("support_replies s WHERE s.workspace_id = $1")), "0"), [workspaceId]);
  await exec(
    `INSERT INTO delivery_rollups (${COLS}, sent, delivered, read, failed, ttr_sum)
     SELECT workspace_id, ${KEY}, count(*), count(*) FILTER (WHERE status IN ('delivered', 'read')),
       count(*) FILTER (WHERE status = 'read'), count(*) FILTER (WHERE status = 'failed'),
       COALESCE(sum(${TTR}) FILTER (WHERE status = 'read'), 0)::float8
     FROM deliveries WHERE workspace_id = $1 GROUP BY workspace_id, ${KEY}
     ORDER BY 2 -- ingestion appends rollup rows as time passes: keep them clustered by time the same way`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO ttr_rollups (${COLS}, bin, count)
     SELECT workspace_id, ${KEY},
       CASE WHEN ${TTR} < 1 THEN 0 ELSE floor(log(2.0, ${TTR}::numeric) * 8)::int + 1 END, count(*)
     FROM deliveries WHERE workspace_id = $1 AND status = 'read' GROUP BY workspace_id, ${KEY}, 10 ORDER BY 2`,
    [workspaceId],
  );
  // The coarse tables are the fine ones summed over the dimensions they drop (ingestion writes
  // them from the same deltas: lib/ingest/store.ts addRollups).
  await exec(
    `INSERT INTO delivery_totals (workspace_id, bucket_start, kind, campaign_id, variant, source_id, client_platform, sent, delivered, read, failed, ttr_sum)
     SELECT workspace_id, bucket_start, kind, campaign_id, variant, source_id, client_platform,
       sum(sent), sum(delivered), sum(read), sum(failed), sum(ttr_sum)
     FROM delivery_rollups WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO ttr_split_coarse (workspace_id, minutes, bucket_start, kind, source_id, client_platform, bin, count)
     SELECT workspace_id, g.minutes, ${GRAIN_START}, kind, source_id, client_platform, bin, sum(count)
     FROM ttr_rollups CROSS JOIN ${grainsSql("ttr_split_coarse")}
     WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO delivery_coarse (workspace_id, minutes, bucket_start, kind, source_id, client_platform, sent, delivered, read, failed, ttr_sum)
     SELECT workspace_id, g.minutes, ${GRAIN_START}, kind, source_id, client_platform,
       sum(sent), sum(delivered), sum(read), sum(failed), sum(ttr_sum)
     FROM delivery_totals CROSS JOIN ${grainsSql("delivery_coarse")} WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 2, 3`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO sender_coarse (workspace_id, minutes, bucket_start, kind, sender_id, source_id, client_platform, sent, delivered, read, failed, ttr_sum)
     SELECT workspace_id, g.minutes, ${GRAIN_START}, kind, sender_id, source_id, client_platform,
       sum(sent), sum(delivered), sum(read), sum(failed), sum(ttr_sum)
     FROM delivery_rollups CROSS JOIN ${grainsSql("sender_coarse")}
     WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO ttr_coarse (workspace_id, minutes, bucket_start, kind, bin, count)
     SELECT workspace_id, g.minutes, ${GRAIN_START}, kind, bin, sum(count)
     FROM ttr_rollups CROSS JOIN ${grainsSql("ttr_coarse")} WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO failure_rollups (workspace_id, minutes, bucket_start, kind, source_id, client_platform, error_code, error_title, failed)
     SELECT workspace_id, g.minutes, ${grainStartSql("cohort_at")}, kind,
       COALESCE(source_id, ''), COALESCE(client_platform, ''), left(COALESCE(error_code, ''), 200), left(COALESCE(error_title, ''), 200), count(*)
     FROM deliveries CROSS JOIN ${grainsSql("failure_rollups")}
     WHERE workspace_id = $1 AND status = 'failed' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 2, 3`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO campaign_totals (workspace_id, campaign_id, variant, kind, source_id, client_platform, sent, delivered, read, failed, ttr_sum, first_at, last_at)
     SELECT workspace_id, campaign_id, variant, kind, source_id, client_platform,
       sum(sent), sum(delivered), sum(read), sum(failed), sum(ttr_sum), min(bucket_start), max(bucket_start)
     FROM delivery_totals WHERE workspace_id = $1 AND campaign_id <> '' GROUP BY 1, 2, 3, 4, 5, 6`,
    [workspaceId],
  );
  await exec(
    `INSERT INTO campaign_failures (workspace_id, campaign_id, variant, kind, source_id, client_platform, error_code, error_title, failed)
     SELECT workspace_id, campaign_id, COALESCE(variant, ''), kind, COALESCE(source_id, ''), COALESCE(client_platform, ''),
       left(COALESCE(error_code, ''), 200), left(COALESCE(error_title, ''), 200), count(*)
     FROM deliveries WHERE workspace_id = $1 AND status = 'failed' AND campaign_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    [workspaceId],
  );
}
