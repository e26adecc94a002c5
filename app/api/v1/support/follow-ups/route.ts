import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { followUpsQuery } from "@/lib/api/query-schemas";
import { serializeFollowUp } from "@/lib/api/serializers";
import { listUnreadFollowUps } from "@/lib/queries/list-unread-follow-ups";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("support"),
  query: followUpsQuery,
  handler: async ({ db, scope, actor, query }) => {
    const ws = await getWorkspace(db, scope);
    const tz = query.tz ?? ws.timezone;
    const hours = query.hours ?? ws.followUpHours;
    const page = await listUnreadFollowUps(db, scope, { ...query, hours });
    // Customers to call: a per-person list, every view audited.
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: "list.viewed",
      target: "support:follow-ups",
      details: { hours },
    });
    return { hours, followUps: page.followUps.map((f) => serializeFollowUp(f, tz)), nextCursor: page.nextCursor };
  },
});
