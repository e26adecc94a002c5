import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/audit-log";
import { csvResponse } from "@/lib/api/csv";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { campaignsQuery } from "@/lib/api/query-schemas";
import { CAMPAIGN_CSV_COLUMNS, serializeCampaignRow } from "@/lib/api/serializers";
import { listCampaigns } from "@/lib/queries/list-campaigns";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("campaigns"),
  query: campaignsQuery,
  handler: async ({ db, scope, actor, query }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const { format, ...filters } = query;
    const rows = (await listCampaigns(db, scope, filters, tz)).map((c) => serializeCampaignRow(c, tz));
    if (format === "json") return { campaigns: rows };
    // The table as shown (same filters, search and order); every export is audited.
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "export.csv", target: "campaigns", details: filters });
    async function* pages() {
      yield rows;
    }
    return csvResponse("campaigns.csv", CAMPAIGN_CSV_COLUMNS, pages(), (row, key) => row[key as keyof typeof row]);
  },
});
