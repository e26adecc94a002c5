import type { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { revokeToken } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

/** Revokes a token at once: the next request with it is refused. Admins only. */
export const DELETE = withApi<z.ZodObject, { id: string }>({
  roles: ["admin"],
  handler: async ({ db, scope, params }) => ({ token: await revokeToken(db, scope.workspaceId, params.id) }),
});
