-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('whatsapp', 'twilio', 'sendbird', 'tencent', 'stream', 'generic');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('campaign', 'announcement', 'support', 'direct');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('sent', 'delivered', 'read', 'failed');

-- CreateEnum
CREATE TYPE "EventOutcome" AS ENUM ('applied', 'duplicate', 'stale', 'waiting');

-- CreateTable
CREATE TABLE "workspaces" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "follow_up_hours" INTEGER NOT NULL DEFAULT 24,
    "retention_days" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "name" TEXT NOT NULL,
    "secret_sealed" TEXT NOT NULL,
    "previous_secret_sealed" TEXT,
    "previous_secret_until" TIMESTAMPTZ(3),
    "verify_token" TEXT,
    "public_base_url" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teams" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "team_members" (
    "workspace_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_manager" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "team_members_pkey" PRIMARY KEY ("workspace_id","team_id","member_id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "campaign_variants" (
    "workspace_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,

    CONSTRAINT "campaign_variants_pkey" PRIMARY KEY ("workspace_id","campaign_id","variant")
);

-- CreateTable
CREATE TABLE "announcements" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT,
    "team_id" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "messages" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL DEFAULT 'direct',
    "sender_id" TEXT,
    "conversation_id" TEXT,
    "campaign_id" TEXT,
    "variant" TEXT,
    "announcement_id" TEXT,
    "title" TEXT,
    "source_id" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "workspace_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "cohort_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "read_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "read_by_watermark" BOOLEAN NOT NULL DEFAULT false,
    "error_code" TEXT,
    "error_title" TEXT,
    "client_platform" TEXT,
    "kind" "MessageKind" NOT NULL,
    "sender_id" TEXT,
    "conversation_id" TEXT,
    "campaign_id" TEXT,
    "variant" TEXT,
    "announcement_id" TEXT,
    "source_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("workspace_id","message_id","recipient_id")
);

-- CreateTable
CREATE TABLE "receipt_events" (
    "workspace_id" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "source_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "dedup_key" TEXT,
    "type" TEXT NOT NULL,
    "message_id" TEXT,
    "recipient_id" TEXT,
    "conversation_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "time_source" TEXT NOT NULL,
    "outcome" "EventOutcome" NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "receipt_events_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "waiting_receipts" (
    "workspace_id" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "source_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "event" JSONB NOT NULL,

    CONSTRAINT "waiting_receipts_pkey" PRIMARY KEY ("workspace_id","event_key")
);

-- CreateTable
CREATE TABLE "watermarks" (
    "workspace_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "reader_id" TEXT NOT NULL,
    "read_up_to" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "watermarks_pkey" PRIMARY KEY ("workspace_id","conversation_id","reader_id","read_up_to","read_at")
);

-- CreateTable
CREATE TABLE "inbound_messages" (
    "workspace_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "sender_id" TEXT,
    "source_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbound_messages_pkey" PRIMARY KEY ("workspace_id","conversation_id","event_key")
);

-- CreateTable
CREATE TABLE "conversations" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "customer_id" TEXT,
    "source_id" TEXT,
    "first_inbound_at" TIMESTAMPTZ(3),
    "last_inbound_at" TIMESTAMPTZ(3),
    "last_outbound_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "delivery_rollups" (
    "workspace_id" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "announcement_id" TEXT NOT NULL,
    "sender_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "read" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ttr_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_rollups_pkey" PRIMARY KEY ("workspace_id","bucket_start","kind","campaign_id","variant","announcement_id","sender_id","source_id","client_platform")
);

-- CreateTable
CREATE TABLE "ttr_rollups" (
    "workspace_id" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "announcement_id" TEXT NOT NULL,
    "sender_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "client_platform" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ttr_rollups_pkey" PRIMARY KEY ("workspace_id","bucket_start","kind","campaign_id","variant","announcement_id","sender_id","source_id","client_platform","bin")
);

-- CreateTable
CREATE TABLE "source_stats" (
    "workspace_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "out_of_order" INTEGER NOT NULL DEFAULT 0,
    "waiting" INTEGER NOT NULL DEFAULT 0,
    "signature_failures" INTEGER NOT NULL DEFAULT 0,
    "parse_errors" INTEGER NOT NULL DEFAULT 0,
    "last_event_at" TIMESTAMPTZ(3),
    "last_received_at" TIMESTAMPTZ(3),

    CONSTRAINT "source_stats_pkey" PRIMARY KEY ("workspace_id","source_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces"("slug");

-- CreateIndex
CREATE INDEX "sources_workspace_id_idx" ON "sources"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_workspace_id_name_key" ON "api_tokens"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "team_members_workspace_id_member_id_idx" ON "team_members"("workspace_id", "member_id");

-- CreateIndex
CREATE INDEX "messages_workspace_id_conversation_id_sent_at_idx" ON "messages"("workspace_id", "conversation_id", "sent_at");

-- CreateIndex
CREATE INDEX "messages_workspace_id_sender_id_sent_at_idx" ON "messages"("workspace_id", "sender_id", "sent_at");

-- CreateIndex
CREATE INDEX "deliveries_conversation_recipient_idx" ON "deliveries"("workspace_id", "conversation_id", "recipient_id", "cohort_at");

-- CreateIndex
CREATE INDEX "deliveries_workspace_id_campaign_id_variant_idx" ON "deliveries"("workspace_id", "campaign_id", "variant");

-- CreateIndex
CREATE INDEX "deliveries_workspace_id_announcement_id_idx" ON "deliveries"("workspace_id", "announcement_id");

-- CreateIndex
CREATE INDEX "deliveries_workspace_id_sender_id_cohort_at_idx" ON "deliveries"("workspace_id", "sender_id", "cohort_at");

-- CreateIndex
CREATE INDEX "deliveries_workspace_id_cohort_at_idx" ON "deliveries"("workspace_id", "cohort_at");

-- CreateIndex
CREATE INDEX "receipt_events_workspace_id_message_id_idx" ON "receipt_events"("workspace_id", "message_id");

-- CreateIndex
CREATE INDEX "receipt_events_received_at_idx" ON "receipt_events" USING BRIN ("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "receipt_events_workspace_id_dedup_key_key" ON "receipt_events"("workspace_id", "dedup_key");

-- CreateIndex
CREATE INDEX "waiting_receipts_workspace_id_message_id_idx" ON "waiting_receipts"("workspace_id", "message_id");

-- CreateIndex
CREATE INDEX "inbound_messages_workspace_id_occurred_at_idx" ON "inbound_messages"("workspace_id", "occurred_at");

-- CreateIndex
CREATE INDEX "conversations_workspace_id_first_inbound_at_idx" ON "conversations"("workspace_id", "first_inbound_at");

-- AddForeignKey
ALTER TABLE "sources" ADD CONSTRAINT "sources_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Delivery and message rows are updated in place as receipts arrive; free space on each page
-- lets PostgreSQL make those HOT updates (no index maintenance). Not expressible in Prisma's schema.
ALTER TABLE "deliveries" SET (fillfactor = 80);
ALTER TABLE "messages" SET (fillfactor = 90);
ALTER TABLE "delivery_rollups" SET (fillfactor = 70);
ALTER TABLE "ttr_rollups" SET (fillfactor = 70);
