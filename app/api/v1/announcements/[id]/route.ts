import { csvResponse } from "@/lib/api/csv";
import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { announcementQuery } from "@/lib/api/query-schemas";
import { getAnnouncement } from "@/lib/queries/get-announcement";
import { sortRoster } from "@/lib/queries/sort-roster";

export const dynamic = "force-dynamic";

const CSV_COLUMNS = [
  { key: "recipientId", header: "recipientId" },
  { key: "name", header: "name" },
  { key: "status", header: "status" },
  { key: "acknowledged", header: "acknowledged" },
  { key: "readAt", header: "readAt" },
  { key: "timeToRead", header: "timeToReadSeconds" },
  { key: "overdue", header: "overdue" },
];

export const GET = withApi<typeof announcementQuery, { id: string }>({
  scope: "read",
  roles: rolesFor("announcements"),
  query: announcementQuery,
  handler: async ({ db, scope, actor, query, params }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const roster = await getAnnouncement(db, scope, params.id, { tz, deadline: query.deadline, hours: query.hours });
    const members = query.sort ? sortRoster(roster.members, query.sort, query.order) : roster.members;
    // The roster is a per-person list: every view and every export is audited.
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: query.format === "csv" ? "export.csv" : "list.viewed",
      target: `announcement:${params.id}`,
    });
    if (query.format === "csv") {
      const overdue = new Set(roster.deadlinePassed ? roster.overdue.map((m) => m.recipientId) : []);
      const rows = members.map((m) => ({ ...m, overdue: overdue.has(m.recipientId) }));
      return csvResponse(
        `announcement-${params.id}.csv`,
        CSV_COLUMNS,
        (async function* () {
          yield rows;
        })(),
        (row, key) => row[key as keyof typeof row],
      );
    }
    return { ...roster, members };
  },
});
