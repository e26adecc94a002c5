import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { announcementQuery } from "@/lib/api/query-schemas";
import { getAnnouncement } from "@/lib/queries/get-announcement";

export const dynamic = "force-dynamic";

export const GET = withApi<typeof announcementQuery, { id: string }>({
  scope: "read",
  roles: rolesFor("announcements"),
  query: announcementQuery,
  handler: async ({ db, scope, actor, query, params }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const roster = await getAnnouncement(db, scope, params.id, { tz, deadline: query.deadline });
    // The roster is a per-person list: every view is audited.
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "list.viewed", target: `announcement:${params.id}` });
    return roster;
  },
});
