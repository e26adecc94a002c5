import { withApi } from "@/lib/api/handler";
import { activityQuery } from "@/lib/api/query-schemas";
import { listActivity } from "@/lib/queries/list-activity";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { isoInTz } from "@/lib/serialize";

export const dynamic = "force-dynamic";

// The latest receipts the viewer may see (the Overview's live feed), newest first.
export const GET = withApi({
  scope: "read",
  query: activityQuery,
  handler: async ({ db, scope, query }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const events = await listActivity(db, scope, query, query.limit);
    return { events: events.map((e) => ({ ...e, occurredAt: isoInTz(e.occurredAt, tz), receivedAt: isoInTz(e.receivedAt, tz) })) };
  },
});
