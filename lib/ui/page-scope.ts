import "server-only";
import { getDb } from "../db/client";
import type { ViewerScope } from "../queries/scope";

// Until sign-in lands (issue 3), pages show the workspace named by ?workspace=<slug>, or the
// first one. This is the single place that will take the signed-in user's scope instead.
export async function pageScope(slug?: string) {
  const db = await getDb();
  const ws = slug
    ? await db.prisma.workspace.findUnique({ where: { slug } })
    : await db.prisma.workspace.findFirst({ orderBy: { createdAt: "asc" } });
  const scope: ViewerScope | null = ws ? { workspaceId: ws.id } : null;
  return { db, ws, scope };
}
