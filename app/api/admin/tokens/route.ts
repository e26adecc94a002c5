import { parseJson, readBody, requireMediaType } from "@/lib/api/body";
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
  handler: async ({ req, db, scope }) => {
    requireMediaType(req, ["application/json"]);
    const input = createTokenSchema.parse(parseJson((await readBody(req, 16 * 1024)).toString("utf8")));
    return Response.json(await createToken(db, scope.workspaceId, input), { status: 201, headers: { "cache-control": "no-store" } });
  },
});
