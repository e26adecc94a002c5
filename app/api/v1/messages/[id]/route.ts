import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { isValidTimeZone } from "@/lib/queries/filters";
import { getMessage } from "@/lib/queries/get-message";
import { getWorkspace } from "@/lib/queries/get-workspace";

export const dynamic = "force-dynamic";

export const GET = withApi<z.ZodObject<{ tz: z.ZodOptional<z.ZodString> }>, { id: string }>({
  scope: "read",
  query: z.object({ tz: z.string().refine(isValidTimeZone, "not an IANA time zone").optional() }),
  handler: async ({ db, scope, actor, query, params }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const message = await getMessage(db, scope, params.id, tz);
    // A message's deliveries are a per-person list: every view is audited.
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "message.viewed", target: `message:${params.id}` });
    return message;
  },
});
