import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { canSee, type Section } from "../auth/roles";
import { sessionUser } from "../auth/session";
import { getDb } from "../db/client";
import { scopeForUser } from "../queries/scope";

// The single seam pages use: the signed-in user's workspace and scope, or a redirect to sign-in.
// A section the user's role may not see answers 404, like a page that does not exist for them.
export async function pageScope(section: Section = "overview") {
  const db = await getDb();
  const user = await sessionUser(db, await headers());
  if (!user) redirect("/sign-in");
  if (!canSee(user.role, section)) notFound();
  const ws = await db.prisma.workspace.findUnique({ where: { id: user.workspaceId } });
  if (!ws) redirect("/sign-in");
  const scope = await scopeForUser(db, user);
  return { db, ws, scope, user };
}
