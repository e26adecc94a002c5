import { withApi } from "@/lib/api/handler";
import { recentMessagesQuery } from "@/lib/api/query-schemas";
import { resolveRange } from "@/lib/queries/filters";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";
import { isoInTz } from "@/lib/serialize";

export const dynamic = "force-dynamic";

// The latest messages sent in the range (the Overview's "Latest messages"), with their counts.
export const GET = withApi({
  scope: "read",
  query: recentMessagesQuery,
  handler: async ({ db, scope, query }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const rows = await listRecentMessages(db, scope, query, resolveRange(query, tz), query.limit);
    return { messages: rows.map((m) => ({ ...m, sentAt: isoInTz(new Date(m.sentAt), tz) })) };
  },
});
