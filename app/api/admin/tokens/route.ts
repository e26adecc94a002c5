import { withApi } from "@/lib/api/handler";
import { createToken, createTokenSchema, listTokens } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

/** The workspace's API tokens (never their values). Admins only. */
export const GET = withApi({
  roles: ["admin"],
  handler: async ({ db, scope }) => ({ tokens: await listTokens(db, scope.workspaceId) }),
});

/** A new token; `secret` is shown in this answer only. */
export const POST = withApi({
  roles: ["admin"],
  body: createTokenSchema,
  handler: async ({ db, scope, body }) => {
    return Response.json(await createToken(db, scope.workspaceId, body), { status: 201, headers: { "cache-control": "no-store" } });
  },
});
