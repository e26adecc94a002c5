-- Counters that every ingestion transaction adds to (rollups, per-source health) get a `shard`
-- key: each commit lane of a process adds to its own rows, so concurrent lanes never wait on
-- each other's row locks. Readers always sum over shards.

ALTER TABLE "delivery_rollups" ADD COLUMN "shard" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "delivery_rollups" DROP CONSTRAINT "delivery_rollups_pkey";
ALTER TABLE "delivery_rollups" ADD CONSTRAINT "delivery_rollups_pkey"
  PRIMARY KEY ("workspace_id", "bucket_start", "kind", "campaign_id", "variant", "announcement_id", "sender_id", "source_id", "client_platform", "shard");

ALTER TABLE "ttr_rollups" ADD COLUMN "shard" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "ttr_rollups" DROP CONSTRAINT "ttr_rollups_pkey";
ALTER TABLE "ttr_rollups" ADD CONSTRAINT "ttr_rollups_pkey"
  PRIMARY KEY ("workspace_id", "bucket_start", "kind", "campaign_id", "variant", "announcement_id", "sender_id", "source_id", "client_platform", "bin", "shard");

ALTER TABLE "source_stats" ADD COLUMN "shard" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "source_stats" DROP CONSTRAINT "source_stats_pkey";
ALTER TABLE "source_stats" ADD CONSTRAINT "source_stats_pkey" PRIMARY KEY ("workspace_id", "source_id", "shard");
