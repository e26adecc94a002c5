import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { canSee, type Section } from "../auth/roles";
import { sessionUser } from "../auth/session";
import { getDb } from "../db/client";
import { scopeForUser } from "../queries/scope";

// The shell layout and the page of one request both ask who is signed in: cache() makes that one
// session lookup and one workspace read per request.
const signedIn = cache(async () => {
  const db = await getDb();
  const user = await sessionUser(db, await headers());
  if (!user) return null;
  const ws = await db.prisma.workspace.findUnique({ where: { id: user.workspaceId } });
  return ws ? { db, user, ws } : null;
});

/** The signed-in user and their workspace, or a redirect to sign-in. For the app shell. */
export async function shellSession() {
  const s = await signedIn();
  if (!s) redirect("/sign-in");
  return s;
}

// The single seam pages use: the signed-in user's workspace and scope, or a redirect to sign-in.
// A section the user's role may not see answers 404, like a page that does not exist for them.
export async function pageScope(section: Section = "overview") {
  const { db, user, ws } = await shellSession();
  if (!canSee(user.role, section)) notFound();
  const scope = await scopeForUser(db, user);
  return { db, ws, scope, user };
}
