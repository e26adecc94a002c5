import "server-only";
import { getDb } from "../db/client";
import type { ViewerScope } from "../queries/scope";

// Until sign-in lands (issue 3), pages show the workspace named by ?workspace=<slug>, or the
// first one. This is the single place that will take the signed-in user's scope instead.
export async function pageScope(slug?: string | null) {
  const db = await getDb();
  const ws = slug
    ? await db.prisma.workspace.findUnique({ where: { slug } })
    : await db.prisma.workspace.findFirst({ orderBy: { createdAt: "asc" } });
  const scope: ViewerScope | null = ws ? { workspaceId: ws.id } : null;
  return { db, ws, scope };
}

/**
 * The workspace named in the app header. The root layout cannot see ?workspace=, so this shows
 * the default workspace until the signed-in user's workspace replaces it. A database outage must
 * not take the whole shell down: the header then just shows no workspace.
 */
export async function shellWorkspace(): Promise<{ name: string; timezone: string } | null> {
  try {
    const { ws } = await pageScope();
    return ws ? { name: ws.name, timezone: ws.timezone } : null;
  } catch {
    return null;
  }
}
