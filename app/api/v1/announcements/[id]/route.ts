import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { announcementQuery } from "@/lib/api/query-schemas";
import { getAnnouncement } from "@/lib/queries/get-announcement";

export const dynamic = "force-dynamic";

export const GET = withApi<typeof announcementQuery, { id: string }>({
  scope: "read",
  roles: rolesFor("announcements"),
  query: announcementQuery,
  handler: async ({ db, scope, query, params }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    return getAnnouncement(db, scope, params.id, { tz, deadline: query.deadline });
  },
});
