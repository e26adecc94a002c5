-- Outgoing nudge webhook: where "Nudge overdue" posts (Standard Webhooks-signed), per workspace.

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN "nudge_webhook_url" TEXT,
ADD COLUMN "nudge_webhook_secret_sealed" TEXT;
