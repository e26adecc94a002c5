import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";

// API tokens are random 32-byte strings: a plain SHA-256 is enough to store them (no password
// stretching needed for full-entropy secrets), and makes lookup a single index probe.

/** admin: workspace administration over the API (privacy settings, erasure, audit log). */
export type TokenScope = "ingest" | "read" | "admin";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return `rk_${randomBytes(24).toString("base64url")}`;
}

export interface TokenViewer {
  workspaceId: string;
  tokenId: string;
  scopes: TokenScope[];
}

/** Resolve `Authorization: Bearer …` to a workspace, requiring `scope`. */
export async function authenticateToken(db: Db, req: Request, scope: TokenScope): Promise<TokenViewer> {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new ApiError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
  const row = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(m[1]) } });
  if (!row || row.revokedAt) throw new ApiError("unauthorized", "The API token is unknown or revoked.");
  if (!row.scopes.includes(scope)) throw new ApiError("forbidden", `This token lacks the "${scope}" scope.`);
  // Last-used time at minute resolution: one write per token per minute, not per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void db.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return { workspaceId: row.workspaceId, tokenId: row.id, scopes: row.scopes as TokenScope[] };
}
