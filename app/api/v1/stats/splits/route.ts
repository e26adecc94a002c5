import { withApi } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { splitsQuery } from "@/lib/api/query-schemas";
import { getSplits } from "@/lib/queries/get-splits";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: splitsQuery,
  handler: async ({ db, scope, query }) => ({
    by: query.by,
    splits: await getSplits(db, scope, query, query.by, (await getWorkspace(db, scope)).timezone),
  }),
});
