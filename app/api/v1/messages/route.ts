import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { messagesQuery } from "@/lib/api/query-schemas";
import { serializeRecentMessage } from "@/lib/api/serializers";
import { resolveRange } from "@/lib/queries/filters";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";

export const dynamic = "force-dynamic";

// Aggregate counts per message (no recipient appears), so viewing the list is not audited; opening
// one message (its deliveries) is.
export const GET = withApi({
  scope: "read",
  roles: rolesFor("messages"),
  query: messagesQuery,
  handler: async ({ db, scope, query }) => {
    const { q, status, limit, ...filters } = query;
    const tz = filters.tz ?? (await getWorkspace(db, scope)).timezone;
    const range = resolveRange(filters, tz);
    const rows = await listRecentMessages(db, scope, filters, range, limit ?? 50, { q, status });
    return { messages: rows.map((m) => serializeRecentMessage(m, tz)) };
  },
});
