import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { getSourceHealth } from "@/lib/queries/get-source-health";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { isoInTz } from "@/lib/serialize";

export const dynamic = "force-dynamic";

export const GET = withApi<z.ZodObject, { id: string }>({
  scope: "read",
  // Ingestion health is the workspace admin's concern (tokens with the read scope may call it too).
  roles: ["admin"],
  handler: async ({ db, scope, params }) => {
    const [h, ws] = await Promise.all([getSourceHealth(db, scope, params.id), getWorkspace(db, scope)]);
    const tz = ws.timezone;
    return {
      ...h,
      lastEventAt: isoInTz(h.lastEventAt, tz),
      lastReceivedAt: isoInTz(h.lastReceivedAt, tz),
      rejected: h.rejected.map((r) => ({ ...r, receivedAt: isoInTz(r.receivedAt, tz) })),
    };
  },
});
