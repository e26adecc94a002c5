import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { compareQuery } from "@/lib/api/query-schemas";
import { compareCohorts } from "@/lib/queries/compare-cohorts";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("campaigns"),
  query: compareQuery,
  handler: async ({ db, scope, query }) => {
    const { items, ...filters } = query;
    return compareCohorts(db, scope, items, filters, (await getWorkspace(db, scope)).timezone);
  },
});
