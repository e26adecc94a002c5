import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
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

// Administration (admins of the token's workspace, through /api/admin/tokens).

export const TOKEN_SCOPES = ["ingest", "read"] as const satisfies readonly TokenScope[];

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(64),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
});

type TokenRow = { id: string; name: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** The wire shape of a token: never its value or hash. */
export function serializeToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

const columns = { id: true, name: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function listTokens(db: Db, workspaceId: string) {
  const rows = await db.prisma.apiToken.findMany({
    where: { workspaceId },
    select: columns,
    orderBy: [{ revokedAt: "desc" }, { createdAt: "asc" }],
  });
  return rows.map(serializeToken);
}

/** Creates a token; its value is returned here once and only its hash is kept. */
export async function createToken(db: Db, workspaceId: string, input: { name: string; scopes: TokenScope[] }) {
  const taken = await db.prisma.apiToken.findUnique({
    where: { workspaceId_name: { workspaceId, name: input.name } },
    select: { id: true },
  });
  if (taken) throw new ApiError("bad_request", `A token named "${input.name}" exists already; pick another name.`);
  const secret = newToken();
  const row = await db.prisma.apiToken.create({
    data: {
      id: `tok_${randomBytes(9).toString("base64url")}`,
      workspaceId,
      name: input.name,
      tokenHash: hashToken(secret),
      scopes: [...new Set(input.scopes)],
    },
    select: columns,
  });
  return { token: serializeToken(row), secret };
}

export async function revokeToken(db: Db, workspaceId: string, id: string) {
  const row = await db.prisma.apiToken.findFirst({ where: { id, workspaceId }, select: columns });
  if (!row) throw new ApiError("not_found", `No token "${id}" in this workspace.`);
  if (row.revokedAt) return serializeToken(row);
  return serializeToken(await db.prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: columns }));
}
