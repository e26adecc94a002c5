import type { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { getWorkspaceSource, sourceContext, updateSource, updateSourceSchema } from "@/lib/sources/admin";

export const dynamic = "force-dynamic";

/** One source: settings, webhook URL and counters (never a secret). Admins only. */
export const GET = withApi<z.ZodObject, { id: string }>({
  scope: "admin",
  roles: ["admin"],
  handler: async (ctx) => ({ source: await getWorkspaceSource(await sourceContext(ctx), ctx.params.id) }),
});

/** Changes name, enabled, verify token, public base URL or app id; takes effect within seconds. Audited. */
export const PATCH = withApi<z.ZodObject, { id: string }, typeof updateSourceSchema>({
  scope: "admin",
  roles: ["admin"],
  body: updateSourceSchema,
  handler: async (ctx) => ({ source: await updateSource(await sourceContext(ctx), ctx.params.id, ctx.body) }),
});
