import type { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { rotateSecret, rotateSecretSchema, sourceContext } from "@/lib/sources/admin";

export const dynamic = "force-dynamic";

/** A new secret (generated for generic sources and shown once); the old one stays valid for the grace period. Audited. */
export const POST = withApi<z.ZodObject, { id: string }, typeof rotateSecretSchema>({
  scope: "admin",
  roles: ["admin"],
  body: rotateSecretSchema,
  handler: async (ctx) =>
    Response.json(await rotateSecret(await sourceContext(ctx), ctx.params.id, ctx.body), { headers: { "cache-control": "no-store" } }),
});
