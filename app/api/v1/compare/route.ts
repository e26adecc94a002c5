import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/audit-log";
import { csvResponse } from "@/lib/api/csv";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { compareQuery } from "@/lib/api/query-schemas";
import { COMPARE_CSV_COLUMNS, compareCsvRows } from "@/lib/api/serializers";
import { compareCohorts } from "@/lib/queries/compare-cohorts";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  roles: rolesFor("campaigns"),
  query: compareQuery,
  handler: async ({ db, scope, actor, query }) => {
    const { items, format, ...filters } = query;
    const result = await compareCohorts(db, scope, items, filters, (await getWorkspace(db, scope)).timezone);
    if (format === "json") return result;
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: "export.csv",
      target: "compare",
      details: { items, ...filters },
    });
    async function* pages() {
      yield compareCsvRows(result);
    }
    return csvResponse("compare.csv", COMPARE_CSV_COLUMNS, pages(), (row, key) => row[key as keyof typeof row]);
  },
});
