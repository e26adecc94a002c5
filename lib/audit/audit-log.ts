import { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

// The audit log: who exported what, who looked at which per-person list, who changed whose
// role, which token was used. Append-only; admins read it (GET /api/v1/admin/audit).
// Entries never hold a recipient's id: targets are messages, campaigns, users, tokens, sources.

export type AuditActor = { type: "token" | "user" | "system"; id: string | null };

export const AUDIT_ACTIONS = [
  "token.used",
  "message.viewed",
  "list.viewed",
  "export.csv",
  "role.changed",
  "user.created",
  "user.removed",
  "privacy.changed",
  "recipient.erased",
  "webhook.changed",
  "announcement.nudged",
  "source.created",
  "source.updated",
  "source.secret_rotated",
  "source.replayed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  workspaceId: string;
  actor: AuditActor;
  action: AuditAction;
  /** What was acted on: "message:m-1", "campaign:spring", "user:u_12", "token:tok_1"… */
  target?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, e: AuditInput): Promise<void> {
  await db.prisma.auditEntry.create({
    data: {
      workspaceId: e.workspaceId,
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: e.action,
      target: e.target ?? null,
      details: (e.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

// Token use is recorded once per token and minute, not per request: ingestion tokens make
// thousands of requests a second, and "this token was used at about T for P" is what an audit
// needs. Views of data are recorded each time by their own actions (message.viewed, …).
const lastTokenUse = new Map<string, number>();

/** For tests: a fresh database starts with no token use remembered. */
export function forgetTokenUse(): void {
  lastTokenUse.clear();
}

export async function recordTokenUse(db: Db, workspaceId: string, tokenId: string, req: Request): Promise<void> {
  const now = Date.now();
  const last = lastTokenUse.get(tokenId);
  if (last !== undefined && now - last < 60_000) return;
  lastTokenUse.set(tokenId, now);
  const url = new URL(req.url);
  await recordAudit(db, {
    workspaceId,
    actor: { type: "token", id: tokenId },
    action: "token.used",
    target: `token:${tokenId}`,
    details: { method: req.method, path: url.pathname },
  });
}

export const auditQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d+$/).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEntryOut {
  id: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: string | null;
  details: unknown;
}

/** Newest first, in pages. */
export async function listAudit(
  db: Db,
  workspaceId: string,
  q: AuditQuery,
): Promise<{ entries: AuditEntryOut[]; nextCursor: string | null }> {
  const rows = await db.prisma.auditEntry.findMany({
    where: {
      workspaceId,
      ...(q.action ? { action: q.action } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } } : {}),
      ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: { type: r.actorType as AuditActor["type"], id: r.actorId },
      action: r.action,
      target: r.target,
      details: r.details,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id.toString() : null,
  };
}
