import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema, type Filters } from "@/lib/queries/filters";
import { getCampaign } from "@/lib/queries/get-campaign";
import { getReadHeatmap } from "@/lib/queries/get-read-heatmap";
import { listFailureReasons } from "@/lib/queries/list-failure-reasons";

export const dynamic = "force-dynamic";

const campaignQuery = filtersSchema.omit({ campaignId: true });

export const GET = withApi<typeof campaignQuery, { id: string }>({
  scope: "read",
  roles: rolesFor("campaigns"),
  query: campaignQuery,
  handler: async ({ db, scope, query, params }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const f: Filters = { ...query, campaignId: params.id };
    const detail = await getCampaign(db, scope, params.id, query, tz);
    const [heatmap, failureReasons] = await Promise.all([getReadHeatmap(db, scope, f, tz), listFailureReasons(db, scope, f, tz)]);
    return { ...detail, heatmap, failureReasons };
  },
});
