import type { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { replaySchema, replayWorkspaceSource, sourceContext } from "@/lib/sources/admin";

export const dynamic = "force-dynamic";

/** Re-runs the source's stored requests (received in [from, to) when given) through its current adapter. Audited. */
export const POST = withApi<z.ZodObject, { id: string }, typeof replaySchema>({
  scope: "admin",
  roles: ["admin"],
  body: replaySchema,
  handler: async (ctx) => ({ report: await replayWorkspaceSource(await sourceContext(ctx), ctx.params.id, ctx.body) }),
});
