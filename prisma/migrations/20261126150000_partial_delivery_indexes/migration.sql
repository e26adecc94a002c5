-- Delivery indexes on attributes most deliveries do not have become partial. Two reasons:
-- 1. Write cost: a campaign delivery no longer enters the conversation and announcement indexes.
-- 2. Plan stability: the ingestion lookup by primary key (workspace, message, recipient) was
--    planned as a scan of deliveries_conversation_recipient_idx on (workspace, recipient) while
--    the table grew faster than autovacuum re-analysed it (measured: 2–3 s per lookup of 1,000
--    keys, batch ingestion at 900 events/s). A partial index cannot serve a query that does not
--    imply its predicate, so the primary key is the only candidate left for that lookup.
-- Every query that uses these indexes filters on the column with `=`, which implies NOT NULL.

DROP INDEX "deliveries_conversation_recipient_idx";
CREATE INDEX "deliveries_conversation_recipient_idx" ON "deliveries"("workspace_id", "conversation_id", "recipient_id", "cohort_at")
  WHERE "conversation_id" IS NOT NULL;

DROP INDEX "deliveries_workspace_id_campaign_id_variant_idx";
CREATE INDEX "deliveries_workspace_id_campaign_id_variant_idx" ON "deliveries"("workspace_id", "campaign_id", "variant")
  WHERE "campaign_id" IS NOT NULL;

DROP INDEX "deliveries_campaign_cohort_idx";
CREATE INDEX "deliveries_campaign_cohort_idx" ON "deliveries"("workspace_id", "campaign_id", "cohort_at", "message_id", "recipient_id")
  WHERE "campaign_id" IS NOT NULL;

DROP INDEX "deliveries_workspace_id_announcement_id_idx";
CREATE INDEX "deliveries_workspace_id_announcement_id_idx" ON "deliveries"("workspace_id", "announcement_id")
  WHERE "announcement_id" IS NOT NULL;

DROP INDEX "deliveries_workspace_id_sender_id_cohort_at_idx";
CREATE INDEX "deliveries_workspace_id_sender_id_cohort_at_idx" ON "deliveries"("workspace_id", "sender_id", "cohort_at")
  WHERE "sender_id" IS NOT NULL;
