import "server-only";
import type { Db } from "../db/client";
import { getAuth } from "./auth";
import { isRole, type Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  workspaceId: string;
}

/** The signed-in user of a request (from its session cookie), or null. Expired or revoked sessions are null. */
export async function sessionUser(db: Db, headers: Headers): Promise<SessionUser | null> {
  if (!headers.get("cookie")) return null;
  const auth = await getAuth(db);
  const s = await auth.api.getSession({ headers });
  if (!s) return null;
  const u = s.user as typeof s.user & { role?: unknown; workspaceId?: unknown };
  if (!isRole(u.role) || typeof u.workspaceId !== "string") return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, workspaceId: u.workspaceId };
}
