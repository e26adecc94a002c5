-- Platform adapters: the platform's app id on a source, the last rejected requests per source
-- (ingestion health), and the accepted webhook requests kept for replay.

-- AlterTable
ALTER TABLE "sources" ADD COLUMN "app_id" TEXT;

-- CreateTable
CREATE TABLE "rejected_requests" (
    "workspace_id" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "source_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "excerpt" TEXT,

    CONSTRAINT "rejected_requests_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "webhook_requests" (
    "workspace_id" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "source_id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "url" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "webhook_requests_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateIndex
CREATE INDEX "rejected_requests_workspace_id_source_id_id_idx" ON "rejected_requests"("workspace_id", "source_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_requests_workspace_id_source_id_digest_key" ON "webhook_requests"("workspace_id", "source_id", "digest");

-- CreateIndex
CREATE INDEX "webhook_requests_workspace_id_source_id_id_idx" ON "webhook_requests"("workspace_id", "source_id", "id");

-- CreateIndex
CREATE INDEX "webhook_requests_received_at_idx" ON "webhook_requests" USING BRIN ("received_at");
