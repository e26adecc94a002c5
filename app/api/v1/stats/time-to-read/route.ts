import { withApi } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema } from "@/lib/queries/filters";
import { getTtrDistribution } from "@/lib/queries/get-ttr-distribution";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: filtersSchema,
  handler: async ({ db, scope, query }) => getTtrDistribution(db, scope, query, (await getWorkspace(db, scope)).timezone),
});
