import { withApi } from "@/lib/api/handler";
import { messagesQuery } from "@/lib/api/query-schemas";
import { serializeRecentMessage } from "@/lib/api/serializers";
import { resolveRange } from "@/lib/queries/filters";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";

export const dynamic = "force-dynamic";

// Aggregate counts per message (no recipient appears), so viewing the list is not audited; opening
// one message (its deliveries) is. Every role: the Overview's "Latest messages" shows it, and the
// viewer scope keeps each role to its own messages (a marketer's campaign sends).
export const GET = withApi({
  scope: "read",
  query: messagesQuery,
  handler: async ({ db, scope, query }) => {
    const { q, status, limit, ...filters } = query;
    const tz = filters.tz ?? (await getWorkspace(db, scope)).timezone;
    const range = resolveRange(filters, tz);
    const rows = await listRecentMessages(db, scope, filters, range, limit ?? 50, { q, status });
    return { messages: rows.map((m) => serializeRecentMessage(m, tz)) };
  },
});
