import { withApi } from "@/lib/api/handler";
import { csvResponse } from "@/lib/api/csv";
import { recordAudit } from "@/lib/audit/audit-log";
import { rolesFor } from "@/lib/auth/roles";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { responseTimesQuery } from "@/lib/api/query-schemas";
import { AGENT_CSV_COLUMNS, agentCsvRow } from "@/lib/api/serializers";
import { getResponseTimes } from "@/lib/queries/get-response-times";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("support"),
  query: responseTimesQuery,
  handler: async ({ db, scope, actor, query }) => {
    const { format, ...filters } = query;
    const times = await getResponseTimes(db, scope, filters, (await getWorkspace(db, scope)).timezone);
    if (format === "json") return times;
    // The per-agent table as shown (same range, basis and order); exports are audited.
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: "export.csv",
      target: "support:response-times",
      details: filters,
    });
    async function* rows() {
      yield times.perAgent.map((a) => agentCsvRow(a, times.basis));
    }
    return csvResponse("response-times-per-agent.csv", AGENT_CSV_COLUMNS, rows(), (row, key) => row[key as keyof typeof row]);
  },
});
