import "server-only";
import { getDb } from "../db/client";
import type { ViewerScope } from "../queries/scope";

// Until sign-in lands (issue 3), pages show the workspace named by ?workspace=<slug>, or the
// first one. This is the single place that will take the signed-in user's scope instead.
export async function pageScope(slug?: string | null) {
  const db = await getDb();
  const ws = slug
    ? await db.prisma.workspace.findUnique({ where: { slug } })
    : await db.prisma.workspace.findFirst({ orderBy: [{ createdAt: "asc" }, { slug: "asc" }] });
  const scope: ViewerScope | null = ws ? { workspaceId: ws.id } : null;
  return { db, ws, scope };
}

export interface ShellWorkspace {
  slug: string;
  name: string;
  timezone: string;
}

/**
 * The workspaces the app header may name, default first. The root layout cannot see
 * ?workspace=, so the header picks from this list in the browser; once sign-in lands this becomes
 * the signed-in user's workspace alone. A database outage must not take the shell down with it.
 */
export async function shellWorkspaces(): Promise<ShellWorkspace[]> {
  try {
    const db = await getDb();
    const rows = await db.prisma.workspace.findMany({ orderBy: [{ createdAt: "asc" }, { slug: "asc" }], take: 100 });
    return rows.map((w) => ({ slug: w.slug, name: w.name, timezone: w.timezone }));
  } catch {
    return [];
  }
}
