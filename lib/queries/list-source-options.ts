import "server-only";
import type { Db } from "../db/client";
import type { ViewerScope } from "./scope";

export interface SourceOption {
  id: string;
  name: string;
  platform: string;
}

/** The workspace's sources by name, for filters and labels (names only, no secrets). */
export async function listSourceOptions(db: Db, scope: ViewerScope): Promise<SourceOption[]> {
  const rows = await db.prisma.source.findMany({
    where: { workspaceId: scope.workspaceId },
    select: { id: true, name: true, platform: true },
    orderBy: { name: "asc" },
  });
  return rows.map((s) => ({ id: s.id, name: s.name, platform: s.platform }));
}
