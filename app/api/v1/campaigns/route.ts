import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { campaignsQuery } from "@/lib/api/query-schemas";
import { serializeCampaignRow } from "@/lib/api/serializers";
import { listCampaigns } from "@/lib/queries/list-campaigns";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("campaigns"),
  query: campaignsQuery,
  handler: async ({ db, scope, query }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const list = await listCampaigns(db, scope, query, tz);
    return { campaigns: list.map((c) => serializeCampaignRow(c, tz)) };
  },
});
