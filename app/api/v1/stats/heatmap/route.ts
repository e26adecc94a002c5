import { withApi } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema } from "@/lib/queries/filters";
import { getReadHeatmap } from "@/lib/queries/get-read-heatmap";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: filtersSchema,
  handler: async ({ db, scope, query }) => getReadHeatmap(db, scope, query, (await getWorkspace(db, scope)).timezone),
});
