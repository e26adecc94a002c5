-- Privacy: per-workspace pseudonymisation, roster pseudonyms, audit log.

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN "pseudonymise" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "pseudonym_key_sealed" TEXT;

-- AlterTable
ALTER TABLE "team_members" ADD COLUMN "recipient_id" TEXT;

-- CreateTable
CREATE TABLE "audit_log" (
    "workspace_id" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateIndex
CREATE INDEX "team_members_workspace_id_recipient_id_idx" ON "team_members"("workspace_id", "recipient_id");

-- CreateIndex
CREATE INDEX "audit_log_workspace_id_at_idx" ON "audit_log"("workspace_id", "at");
