import type { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { removeUser, updateUser, updateUserSchema } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** Changes a user's role, sender ids or managed teams (role changes are audited). Admins only. */
export const PATCH = withApi<z.ZodObject, { id: string }, typeof updateUserSchema>({
  roles: ["admin"],
  body: updateUserSchema,
  handler: async ({ db, scope, params, body, actor }) => ({ user: await updateUser(db, scope.workspaceId, params.id, body, actor) }),
});

/** Removes a user and ends their sessions at once. Admins only; not yourself. */
export const DELETE = withApi<z.ZodObject, { id: string }>({
  roles: ["admin"],
  handler: async ({ db, scope, params, actor }) => ({ user: await removeUser(db, scope.workspaceId, params.id, actor) }),
});
