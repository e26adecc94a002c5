import { withApi } from "@/lib/api/handler";
import { createSource, createSourceSchema, listWorkspaceSources, sourceContext } from "@/lib/sources/admin";

export const dynamic = "force-dynamic";

/** The workspace's webhook sources with their webhook URLs and ingestion counters (never a secret). Admins only. */
export const GET = withApi({
  scope: "admin",
  roles: ["admin"],
  handler: async (ctx) => ({ sources: await listWorkspaceSources(await sourceContext(ctx)) }),
});

/** A new source; a generated secret (generic sources) is in this answer only. Audited. */
export const POST = withApi({
  scope: "admin",
  roles: ["admin"],
  body: createSourceSchema,
  handler: async (ctx) =>
    Response.json(await createSource(await sourceContext(ctx), ctx.body), { status: 201, headers: { "cache-control": "no-store" } }),
});
