import { withApi } from "@/lib/api/handler";
import { announcementsQuery } from "@/lib/api/query-schemas";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { listAnnouncements } from "@/lib/queries/list-announcements";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("announcements"),
  query: announcementsQuery,
  handler: async ({ db, scope, query }) => {
    // Aggregates per announcement, no per-person list: not audited (the roster is).
    const announcements = await listAnnouncements(db, scope, query, (await getWorkspace(db, scope)).timezone);
    return { announcements };
  },
});
