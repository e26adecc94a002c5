import { withApi } from "@/lib/api/handler";
import { rolesFor } from "@/lib/auth/roles";
import { nudgeBodySchema, sendNudge } from "@/lib/nudge/send-nudge";

export const dynamic = "force-dynamic";

// A write with an outside effect: signed-in managers and admins only (no token scope opens it).
export const POST = withApi<never, { id: string }, typeof nudgeBodySchema>({
  roles: rolesFor("announcements"),
  body: nudgeBodySchema,
  handler: ({ db, scope, actor, params, body }) => sendNudge(db, scope, actor, params.id, body),
});
