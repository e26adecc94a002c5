import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema } from "@/lib/queries/filters";
import { getMemberAcknowledgements } from "@/lib/queries/get-member-acknowledgements";

export const dynamic = "force-dynamic";

export const GET = withApi<typeof filtersSchema, { id: string }>({
  scope: "read",
  roles: rolesFor("announcements"),
  query: filtersSchema,
  handler: async ({ db, scope, query, params }) =>
    getMemberAcknowledgements(db, scope, params.id, query, (await getWorkspace(db, scope)).timezone),
});
