-- Campaign counters over all time (no time bucket), by variant, kind, source and client platform,
-- with the first and last 15-minute send bucket ever written for the row: the campaigns list
-- without a range sums a few rows per campaign instead of every 15-minute row of delivery_totals
-- (10k rows against 50k in the 10M-delivery benchmark). first_at and last_at follow the
-- buckets delivery_totals holds rows for (the earliest and latest such row), as the list read them.
CREATE TABLE "campaign_totals" (
    "workspace_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "read" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ttr_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_totals_pkey" PRIMARY KEY ("workspace_id", "campaign_id", "variant", "kind", "source_id", "client_platform", "shard")
);

INSERT INTO "campaign_totals" ("workspace_id", "campaign_id", "variant", "kind", "source_id", "client_platform",
  "sent", "delivered", "read", "failed", "ttr_sum", "first_at", "last_at", "shard")
SELECT "workspace_id", "campaign_id", "variant", "kind", "source_id", "client_platform",
  sum("sent"), sum("delivered"), sum("read"), sum("failed"), sum("ttr_sum"), min("bucket_start"), max("bucket_start"), 0
FROM "delivery_totals"
WHERE "campaign_id" <> ''
GROUP BY 1, 2, 3, 4, 5, 6;
