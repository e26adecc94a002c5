-- Reply pairs of support conversations, maintained per conversation by ingestion
-- (lib/ingest/support-replies-sql.ts): response-time dashboards read these instead of a window
-- over every inbound and agent message of every conversation in the range.

CREATE TABLE "support_replies" (
    "workspace_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "turn" INTEGER NOT NULL,
    "agent_id" TEXT NOT NULL,
    "asked_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "is_first" BOOLEAN NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "support_replies_pkey" PRIMARY KEY ("workspace_id", "conversation_id", "turn")
);
CREATE INDEX "support_replies_opened_idx" ON "support_replies"("workspace_id", "opened_at");

-- Existing conversations.
WITH t AS (SELECT workspace_id AS ws, id AS c FROM conversations),
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
INSERT INTO support_replies (workspace_id, conversation_id, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id)
SELECT r.ws, r.c, r.turn, COALESCE(r.agent, ''), r.asked, r.answered, r.first, conv.first_inbound_at, COALESCE(conv.source_id, '')
FROM r JOIN conversations conv ON conv.workspace_id = r.ws AND conv.id = r.c
WHERE conv.first_inbound_at IS NOT NULL;
