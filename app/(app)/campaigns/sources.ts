import "server-only";
import type { SourceOption } from "@/components/filters/filter-bar";
import type { Db } from "@/lib/db/client";

/** The workspace's IM platform sources, for the filter select of the Campaigns screens. */
export async function loadSourceOptions(db: Db, workspaceId: string): Promise<SourceOption[]> {
  const rows = await db.prisma.source.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return rows.map((s) => ({ id: s.id, name: s.name }));
}
