-- Most messages (campaigns, announcements) have no conversation: they no longer enter the index
-- that finds a conversation's messages, one index insertion fewer per message ingested. Every
-- reader of it names a conversation (an equality, which implies IS NOT NULL for the planner).
DROP INDEX "messages_workspace_id_conversation_id_sent_at_idx";
CREATE INDEX "messages_workspace_id_conversation_id_sent_at_idx" ON "messages"("workspace_id", "conversation_id", "sent_at")
  WHERE "conversation_id" IS NOT NULL;
