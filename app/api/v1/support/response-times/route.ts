import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { responseTimesQuery } from "@/lib/api/query-schemas";
import { getResponseTimes } from "@/lib/queries/get-response-times";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("support"),
  query: responseTimesQuery,
  handler: async ({ db, scope, query }) => getResponseTimes(db, scope, query, (await getWorkspace(db, scope)).timezone),
});
