import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema } from "@/lib/queries/filters";
import { getMemberAcknowledgements } from "@/lib/queries/get-member-acknowledgements";

export const dynamic = "force-dynamic";

export const GET = withApi<typeof filtersSchema, { id: string }>({
  scope: "read",
  roles: rolesFor("announcements"),
  query: filtersSchema,
  handler: async ({ db, scope, actor, query, params }) => {
    const record = await getMemberAcknowledgements(db, scope, params.id, query, (await getWorkspace(db, scope)).timezone);
    // One person's record: every view is audited (a team member's roster id, not a customer's).
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "list.viewed", target: `member:${params.id}` });
    return record;
  },
});
