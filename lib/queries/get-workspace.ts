import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import type { ViewerScope } from "./scope";

export async function getWorkspace(db: Db, scope: ViewerScope) {
  const ws = await db.prisma.workspace.findUnique({ where: { id: scope.workspaceId } });
  if (!ws) throw new ApiError("not_found", "Workspace not found.");
  return ws;
}
