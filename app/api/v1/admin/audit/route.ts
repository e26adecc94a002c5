import { withApi } from "@/lib/api/handler";
import { auditQuerySchema, listAudit } from "@/lib/audit/audit-log";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "admin",
  roles: ["admin"],
  query: auditQuerySchema,
  handler: ({ db, scope, query }) => listAudit(db, scope.workspaceId, query),
});
