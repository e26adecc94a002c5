-- Coarse grains for workspace-wide range questions. A 30-day range on the 15-minute grid is 2,880
-- buckets of rows; here it is ~4 weeks and a few days plus the hours and quarters at its ends
-- (lib/queries/grid.ts cuts a range into the coarsest buckets no boundary splits, so the answers
-- stay exact in every zone). `minutes` tells the grains apart: 60 = UTC hour, 1440 = UTC day,
-- 10080 = week of 7 UTC days counted from the Unix epoch (a Thursday: the grid only needs the
-- buckets fixed, not calendar weeks); `bucket_start` is its start. Written by ingestion in the
-- same transaction from the same deltas as the 15-minute tables; `shard` as in the other rollups.
--   delivery_coarse — delivery_totals without campaign and variant;
--   sender_coarse   — delivery_rollups by sender (no campaign, variant, announcement), days and
--                     weeks only (by sender, hours are as many rows as the 15-minute table):
--                     views scoped to an agent or a team, and agents' read rates;
--   ttr_coarse      — time-to-read bins by kind only;
--   ttr_split_coarse — time-to-read bins by kind, source and client platform, days and weeks
--                     (replaces ttr_rollups_daily, dropped below);
--   failure_rollups — failed deliveries by error code and title (each cut to 200 characters so a
--                     key always fits an index entry), by kind, source and client platform, per
--                     15 minutes and the coarse grains: failure reasons over a range without
--                     reading the deliveries;
--   reply_rollups   — support reply pairs (support_replies) by opening day and week of their
--                     conversation (finer, readers take the pairs themselves), agent, source and first-response flag, in time-to-read style
--                     log bins (percentiles within 4.4 %) and in the product bins of the
--                     distribution (`edge`, exact); `conversations` counts each agent's first
--                     reply per conversation.

CREATE TABLE "delivery_coarse" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "read" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ttr_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_coarse_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "shard")
);

CREATE TABLE "sender_coarse" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "sender_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "read" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ttr_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "sender_coarse_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "kind", "sender_id", "source_id", "client_platform", "shard")
);

CREATE TABLE "ttr_coarse" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "ttr_coarse_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "kind", "bin", "shard")
);

CREATE TABLE "ttr_split_coarse" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "ttr_split_coarse_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "bin", "shard")
);

CREATE TABLE "failure_rollups" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "error_code" TEXT NOT NULL,
    "error_title" TEXT NOT NULL,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "failure_rollups_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "error_code", "error_title", "shard")
);

CREATE TABLE "reply_rollups" (
    "workspace_id" TEXT NOT NULL,
    "minutes" SMALLINT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "agent_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "is_first" BOOLEAN NOT NULL,
    "bin" INTEGER NOT NULL,
    "edge" INTEGER NOT NULL,
    "replies" INTEGER NOT NULL DEFAULT 0,
    "seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "conversations" INTEGER NOT NULL DEFAULT 0,
    "shard" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "reply_rollups_pkey" PRIMARY KEY ("workspace_id", "minutes", "bucket_start", "agent_id", "source_id", "is_first", "bin", "edge", "shard")
);

-- Existing data: sums of the 15-minute tables, failures from delivery state, replies from their
-- pairs; in grain and time order, as ingestion appends them (a range's rows stay on few pages).
INSERT INTO "delivery_coarse" ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "sent", "delivered", "read", "failed", "ttr_sum", "shard")
SELECT "workspace_id", g.minutes, date_bin(make_interval(mins => g.minutes), "bucket_start", 'epoch'::timestamptz),
       "kind", "source_id", "client_platform", sum("sent"), sum("delivered"), sum("read"), sum("failed"), sum("ttr_sum"), 0
FROM "delivery_totals" CROSS JOIN (VALUES (60::smallint), (1440::smallint), (10080::smallint)) AS g(minutes)
GROUP BY 1, 2, 3, 4, 5, 6
ORDER BY 2, 3;

INSERT INTO "sender_coarse" ("workspace_id", "minutes", "bucket_start", "kind", "sender_id", "source_id", "client_platform", "sent", "delivered", "read", "failed", "ttr_sum", "shard")
SELECT "workspace_id", g.minutes, date_bin(make_interval(mins => g.minutes), "bucket_start", 'epoch'::timestamptz),
       "kind", "sender_id", "source_id", "client_platform", sum("sent"), sum("delivered"), sum("read"), sum("failed"), sum("ttr_sum"), 0
FROM "delivery_rollups" CROSS JOIN (VALUES (1440::smallint), (10080::smallint)) AS g(minutes)
GROUP BY 1, 2, 3, 4, 5, 6, 7
ORDER BY 2, 3;

INSERT INTO "ttr_coarse" ("workspace_id", "minutes", "bucket_start", "kind", "bin", "count", "shard")
SELECT "workspace_id", g.minutes, date_bin(make_interval(mins => g.minutes), "bucket_start", 'epoch'::timestamptz),
       "kind", "bin", sum("count"), 0
FROM "ttr_rollups" CROSS JOIN (VALUES (60::smallint), (1440::smallint), (10080::smallint)) AS g(minutes)
GROUP BY 1, 2, 3, 4, 5
ORDER BY 2, 3;

INSERT INTO "ttr_split_coarse" ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "bin", "count", "shard")
SELECT "workspace_id", g.minutes, date_bin(make_interval(mins => g.minutes), "bucket_start", 'epoch'::timestamptz),
       "kind", "source_id", "client_platform", "bin", sum("count"), 0
FROM "ttr_rollups" CROSS JOIN (VALUES (1440::smallint), (10080::smallint)) AS g(minutes)
GROUP BY 1, 2, 3, 4, 5, 6, 7
ORDER BY 2, 3;

DROP TABLE "ttr_rollups_daily";

INSERT INTO "failure_rollups" ("workspace_id", "minutes", "bucket_start", "kind", "source_id", "client_platform", "error_code", "error_title", "failed", "shard")
SELECT "workspace_id", g.minutes, date_bin(make_interval(mins => g.minutes), "cohort_at", 'epoch'::timestamptz),
       "kind", COALESCE("source_id", ''), COALESCE("client_platform", ''), left(COALESCE("error_code", ''), 200), left(COALESCE("error_title", ''), 200), count(*), 0
FROM "deliveries" CROSS JOIN (VALUES (15::smallint), (60::smallint), (1440::smallint), (10080::smallint)) AS g(minutes)
WHERE "status" = 'failed'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ORDER BY 2, 3;

INSERT INTO "reply_rollups" ("workspace_id", "minutes", "bucket_start", "agent_id", "source_id", "is_first", "bin", "edge", "replies", "seconds", "conversations", "shard")
SELECT ws, g.minutes, date_bin(make_interval(mins => g.minutes), opened_at, 'epoch'::timestamptz), agent_id, source_id, is_first,
  CASE WHEN secs < 1 THEN 0 ELSE floor(log(2.0, secs::numeric) * 8)::int + 1 END,
  width_bucket(secs, ARRAY[300, 1800, 3600, 14400, 28800, 86400]::float8[]),
  count(*), sum(secs), count(*) FILTER (WHERE agent_first), 0
FROM (
  SELECT "workspace_id" AS ws, "agent_id", "source_id", "is_first", "opened_at", extract(epoch FROM "answered_at" - "asked_at")::float8 AS secs,
    row_number() OVER (PARTITION BY "workspace_id", "conversation_id", "agent_id" ORDER BY "turn") = 1 AS agent_first
  FROM "support_replies"
) AS d CROSS JOIN (VALUES (1440::smallint), (10080::smallint)) AS g(minutes)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ORDER BY 2, 3;
