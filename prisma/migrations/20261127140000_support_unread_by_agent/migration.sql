-- An agent's unread follow-ups: the list filtered by sender, oldest first, straight from an index
-- of unread support answers (measured at 10M deliveries: the planner otherwise read all of the
-- agent's deliveries through deliveries_workspace_id_sender_id_cohort_at_idx and sorted, 40–50 ms
-- against 1–5 ms). Only support deliveries enter it, as deliveries_support_unread_idx.
CREATE INDEX "deliveries_support_unread_agent_idx" ON "deliveries"("workspace_id", "sender_id", "support_unread_at", "message_id", "recipient_id")
  WHERE "support_unread_at" IS NOT NULL;
