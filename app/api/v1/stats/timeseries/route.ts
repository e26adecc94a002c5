import { withApi } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { timeseriesQuery } from "@/lib/api/query-schemas";
import { getTimeseries } from "@/lib/queries/get-timeseries";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: timeseriesQuery,
  handler: async ({ db, scope, query }) => getTimeseries(db, scope, query, (await getWorkspace(db, scope)).timezone),
});
