import { withApi } from "@/lib/api/handler";
import { filtersSchema } from "@/lib/queries/filters";
import { getOverview } from "@/lib/queries/get-overview";
import { getWorkspace } from "@/lib/queries/get-workspace";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: filtersSchema,
  handler: async ({ db, scope, query }) => {
    const ws = await getWorkspace(db, scope);
    return getOverview(db, scope, query, ws.timezone);
  },
});
