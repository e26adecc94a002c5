import { withApi } from "@/lib/api/handler";
import { csvResponse } from "@/lib/api/csv";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { followUpsQuery } from "@/lib/api/query-schemas";
import { FOLLOW_UP_CSV_COLUMNS, serializeFollowUp } from "@/lib/api/serializers";
import { listUnreadFollowUps } from "@/lib/queries/list-unread-follow-ups";

export const dynamic = "force-dynamic";

const CSV_PAGE = 1_000;

export const GET = withApi({
  scope: "read",
  roles: rolesFor("support"),
  query: followUpsQuery,
  handler: async ({ db, scope, actor, query }) => {
    const ws = await getWorkspace(db, scope);
    const { format, ...opts } = query;
    const tz = opts.tz ?? ws.timezone;
    const hours = opts.hours ?? ws.followUpHours;
    // Customers to call: a per-person list, every view and export audited.
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: format === "csv" ? "export.csv" : "list.viewed",
      target: "support:follow-ups",
      details: { hours, ...(opts.agentId ? { agentId: opts.agentId } : {}) },
    });
    if (format === "json") {
      const page = await listUnreadFollowUps(db, scope, { ...opts, hours });
      return { hours, followUps: page.followUps.map((f) => serializeFollowUp(f, tz)), nextCursor: page.nextCursor };
    }
    // The whole list, oldest first, one keyset page at a time; one clock for every page.
    const now = new Date();
    async function* pages() {
      let cursor = opts.cursor;
      do {
        const page = await listUnreadFollowUps(db, scope, { ...opts, hours, cursor, limit: CSV_PAGE, now });
        yield page.followUps.map((f) => serializeFollowUp(f, tz));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return csvResponse("unread-follow-ups.csv", FOLLOW_UP_CSV_COLUMNS, pages(), (row, key) => row[key as keyof typeof row]);
  },
});
