// Reply pairs of support conversations (product.md): for every customer turn — the inbound
// messages since the previous agent message — the agent message that answered it, with the
// turn's first inbound time; the conversation's first answered turn is its first response.
// Recomputed per conversation whenever its inbound or agent messages change (ingestion, erasure),
// so dashboards read pairs instead of running this window over every conversation of a range.
// `touched` is a relation (ws, c) of the conversations to recompute.

import { grainsSql, grainStartSql } from "./grains";

/** The pairs as a SELECT (ws, c, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id). */
export function supportRepliesSelect(touched: string): string {
  return `
    WITH t AS (SELECT DISTINCT ws, c FROM ${touched}),
    ev AS (
      SELECT i.workspace_id AS ws, i.conversation_id AS c, i.occurred_at AS at, 0 AS dir, NULL::text AS agent
      FROM inbound_messages i JOIN t ON i.workspace_id = t.ws AND i.conversation_id = t.c
      UNION ALL
      SELECT m.workspace_id, m.conversation_id, m.sent_at, 1, m.sender_id
      FROM messages m JOIN t ON m.workspace_id = t.ws AND m.conversation_id = t.c WHERE m.kind = 'support'
    ), seq AS (
      SELECT ws, c, at, dir, agent, sum(dir) OVER (PARTITION BY ws, c ORDER BY at, dir ROWS UNBOUNDED PRECEDING) - dir AS turn FROM ev
    ), turns AS (
      SELECT ws, c, turn, min(at) FILTER (WHERE dir = 0) AS asked FROM seq GROUP BY ws, c, turn
    ), r AS (
      SELECT s.ws, s.c, s.turn, s.agent, tu.asked, s.at AS answered,
        row_number() OVER (PARTITION BY s.ws, s.c ORDER BY s.turn) = 1 AS first
      FROM seq s JOIN turns tu ON tu.ws = s.ws AND tu.c = s.c AND tu.turn = s.turn WHERE s.dir = 1 AND tu.asked IS NOT NULL
    )
    SELECT r.ws, r.c, r.turn, COALESCE(r.agent, '') AS agent_id, r.asked AS asked_at, r.answered AS answered_at, r.first AS is_first,
      conv.first_inbound_at AS opened_at, COALESCE(conv.source_id, '') AS source_id
    FROM r JOIN conversations conv ON conv.workspace_id = r.ws AND conv.id = r.c
    WHERE conv.first_inbound_at IS NOT NULL`;
}

export function supportRepliesSql(touched: string): string {
  return `INSERT INTO support_replies (workspace_id, conversation_id, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id)
    ${supportRepliesSelect(touched)}`;
}

/** Edges (seconds) of the response-time distribution's product bins (<5 min … >24 h). */
export const REPLY_EDGES = [300, 1800, 3600, 14400, 28800, 86400];

/**
 * Adds reply pairs to reply_rollups: `rows` is a relation (sign, ws, agent_id, source_id, is_first,
 * opened_at, secs, agent_first) of pairs to count (+1) or uncount (−1). Each pair is counted in
 * the UTC day and the week of its conversation's opening (finer than a day, the pairs themselves
 * are few enough to read: replyPairsAsRollup), in its time-to-read style log bin (for percentiles)
 * and its product bin `edge` (for the distribution, exact); `agent_first` marks the agent's first
 * reply in the conversation, so that conversations per agent are a sum. `$shard` names the
 * parameter holding the commit lane.
 */
export function replyRollupsSql(rows: string, shard: string): string {
  const bin = replyBinSql("secs");
  const edge = replyEdgeSql("secs");
  return `INSERT INTO reply_rollups AS t (workspace_id, minutes, bucket_start, agent_id, source_id, is_first, bin, edge, replies, seconds, conversations, shard)
    SELECT ws, g.minutes, ${grainStartSql("opened_at")}, agent_id, source_id, is_first,
      ${bin}, ${edge}, sum(sign)::int, sum(sign * secs), sum(CASE WHEN agent_first THEN sign ELSE 0 END)::int, ${shard}::smallint
    FROM (${rows}) AS d CROSS JOIN ${grainsSql("reply_rollups")}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(sign) <> 0 OR sum(sign * secs) <> 0 OR sum(CASE WHEN agent_first THEN sign ELSE 0 END) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (workspace_id, minutes, bucket_start, agent_id, source_id, is_first, bin, edge, shard) DO UPDATE SET
      replies = t.replies + EXCLUDED.replies, seconds = t.seconds + EXCLUDED.seconds, conversations = t.conversations + EXCLUDED.conversations`;
}

/** Pairs of support_replies (or a SELECT of the same columns, with `c` and `turn`) as rows for replyRollupsSql. */
export function replyRows(sign: 1 | -1, pairs: string): string {
  return `SELECT ${sign} AS sign, ws, agent_id, source_id, is_first, opened_at, extract(epoch FROM answered_at - asked_at)::float8 AS secs,
      row_number() OVER (PARTITION BY ws, c, agent_id ORDER BY turn) = 1 AS agent_first
    FROM (${pairs}) AS p`;
}

/**
 * support_replies in reply_rollups' columns, one row per pair (bucket_start = the opening time):
 * the finest grain of a range read over the rollups. An agent's first reply per conversation is
 * found by index, not by a window, so that range conditions reach the pairs' index.
 */
export function replyPairsAsRollup(): string {
  return `(SELECT s.workspace_id, s.opened_at AS bucket_start, s.agent_id, s.source_id, s.is_first,
      ${replyBinSql("x.secs")} AS bin, ${replyEdgeSql("x.secs")} AS edge, 1 AS replies, x.secs AS seconds,
      (NOT EXISTS (SELECT 1 FROM support_replies e WHERE e.workspace_id = s.workspace_id AND e.conversation_id = s.conversation_id
        AND e.agent_id = s.agent_id AND e.turn < s.turn))::int AS conversations
    FROM support_replies s, LATERAL (SELECT extract(epoch FROM s.answered_at - s.asked_at)::float8 AS secs) AS x) AS pairs`;
}

const replyBinSql = (secs: string) => `CASE WHEN ${secs} < 1 THEN 0 ELSE floor(log(2.0, ${secs}::numeric) * 8)::int + 1 END`;
const replyEdgeSql = (secs: string) => `width_bucket(${secs}, ARRAY[${REPLY_EDGES.join(", ")}]::float8[])`;

/** Stored pairs as a SELECT of supportRepliesSelect's columns; `from` names support_replies `s` and what else it needs. */
export function storedPairs(from: string): string {
  return `SELECT s.workspace_id AS ws, s.conversation_id AS c, s.turn, s.agent_id, s.asked_at, s.answered_at, s.is_first, s.opened_at, s.source_id
    FROM ${from}`;
}
