import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { eraseRecipient } from "@/lib/privacy/erase-recipient";

export const dynamic = "force-dynamic";

const erasureSchema = z.object({ recipientId: z.string().trim().min(1).max(200) }).strict();

export const POST = withApi({
  scope: "admin",
  roles: ["admin"],
  body: erasureSchema,
  handler: async ({ db, scope, actor, body }) => {
    const erased = await eraseRecipient(db, scope.workspaceId, body.recipientId);
    // The audit entry says that an erasure happened and how much it removed, not whose.
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "recipient.erased", details: { ...erased } });
    return { erased };
  },
});
