// Reply pairs of support conversations (product.md): for every customer turn — the inbound
// messages since the previous agent message — the agent message that answered it, with the
// turn's first inbound time; the conversation's first answered turn is its first response.
// Recomputed per conversation whenever its inbound or agent messages change (ingestion, erasure),
// so dashboards read pairs instead of running this window over every conversation of a range.
// `touched` is a relation (ws, c) of the conversations to recompute.

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
