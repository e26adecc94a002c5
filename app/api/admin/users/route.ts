import { withApi } from "@/lib/api/handler";
import { createUser, createUserSchema, listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** The workspace's users, their roles and links (never password data). Admins only. */
export const GET = withApi({
  roles: ["admin"],
  handler: async ({ db, scope }) => ({ users: await listUsers(db, scope.workspaceId) }),
});

/** A new user with a first password; they can sign in at once. */
export const POST = withApi({
  roles: ["admin"],
  body: createUserSchema,
  handler: async ({ db, scope, body, actor }) => {
    return Response.json(
      { user: await createUser(db, scope.workspaceId, body, actor) },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
});
