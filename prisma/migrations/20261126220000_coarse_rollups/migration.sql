-- Coarse rollups for workspace-wide questions. The 15-minute rollups carry the sender and the
-- announcement, so busy one-to-one traffic barely compresses (1.77M rows for 10M deliveries);
-- questions that do not ask about people read these instead, written by ingestion in the same
-- transaction from the same deltas:
--   delivery_totals    — the 15-minute grid without sender and announcement (exact in every
--                        time zone, as every offset is a multiple of 15 minutes);
--   ttr_rollups_daily  — time-to-read bins per UTC day by kind, source and client platform
--                        (readers take whole UTC days from here and the range's ragged ends from
--                        ttr_rollups, so answers stay exact in every zone).
-- Both have the `shard` key of the write lanes; readers sum over shards.

CREATE TABLE "delivery_totals" (
    "workspace_id" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "read" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ttr_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_totals_pkey" PRIMARY KEY ("workspace_id", "bucket_start", "kind", "campaign_id", "variant", "source_id", "client_platform", "shard")
);
CREATE INDEX "delivery_totals_campaign_idx" ON "delivery_totals"("workspace_id", "campaign_id", "variant", "bucket_start") WHERE "campaign_id" <> '';

CREATE TABLE "ttr_rollups_daily" (
    "workspace_id" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "ttr_rollups_daily_pkey" PRIMARY KEY ("workspace_id", "bucket_start", "kind", "source_id", "client_platform", "bin", "shard")
);

-- Existing data: the coarse tables are sums of the fine ones.
INSERT INTO "delivery_totals" ("workspace_id", "bucket_start", "kind", "campaign_id", "variant", "source_id", "client_platform", "sent", "delivered", "read", "failed", "ttr_sum", "shard")
SELECT "workspace_id", "bucket_start", "kind", "campaign_id", "variant", "source_id", "client_platform",
       sum("sent"), sum("delivered"), sum("read"), sum("failed"), sum("ttr_sum"), 0
FROM "delivery_rollups"
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "ttr_rollups_daily" ("workspace_id", "bucket_start", "kind", "source_id", "client_platform", "bin", "count", "shard")
SELECT "workspace_id", date_trunc('day', "bucket_start", 'UTC'), "kind", "source_id", "client_platform", "bin", sum("count"), 0
FROM "ttr_rollups"
GROUP BY 1, 2, 3, 4, 5, 6;
