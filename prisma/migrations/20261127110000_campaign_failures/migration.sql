-- Failed deliveries of campaigns by error, all time (no time bucket): the failure reasons of a
-- campaign or a variant. From delivery state these read every failed delivery of the campaign
-- (tens of thousands for a million-recipient campaign, 50 ms); here a few rows per error. Code
-- and title '' when none, each cut to 200 characters like failure_rollups. Kept by ingestion and
-- erasure with the other rollups (lib/ingest/rollup-changes.ts).
CREATE TABLE "campaign_failures" (
    "workspace_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "error_code" TEXT NOT NULL,
    "error_title" TEXT NOT NULL,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_failures_pkey" PRIMARY KEY ("workspace_id", "campaign_id", "variant", "kind", "source_id", "client_platform", "error_code", "error_title", "shard")
);

INSERT INTO "campaign_failures" ("workspace_id", "campaign_id", "variant", "kind", "source_id", "client_platform", "error_code", "error_title", "failed", "shard")
SELECT "workspace_id", "campaign_id", COALESCE("variant", ''), "kind", COALESCE("source_id", ''), COALESCE("client_platform", ''),
       left(COALESCE("error_code", ''), 200), left(COALESCE("error_title", ''), 200), count(*), 0
FROM "deliveries"
WHERE "status" = 'failed' AND "campaign_id" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
