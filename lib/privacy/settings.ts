import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { seal, unseal } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { execute, query, type Tx } from "../db/sql";
import { pseudonym } from "./pseudonymise";

// A workspace's privacy settings: recipient pseudonymisation (with its sealed key) and the
// retention of the raw event log.

export interface PrivacySettings {
  pseudonymise: boolean;
  /** Raw events older than this many days are deleted; null keeps them. */
  retentionDays: number | null;
}

export const privacyPatchSchema = z
  .object({
    pseudonymise: z.boolean().optional(),
    retentionDays: z.number().int().min(1).max(36_500).nullable().optional(),
  })
  .strict();
export type PrivacyPatch = z.infer<typeof privacyPatchSchema>;

// Ingestion asks for the key on every request: a short cache keeps that off the hot path. A
// change made here is seen at once by this process and within TTL_MS by other instances.
const TTL_MS = 5_000;
const keys = new Map<string, { at: number; key: Buffer | null }>();

/** The workspace's pseudonym key when pseudonymisation is on, else null. */
export async function pseudonymKeyFor(db: Db, workspaceId: string): Promise<Buffer | null> {
  const hit = keys.get(workspaceId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.key;
  const ws = await db.prisma.workspace.findUnique({
    where: { id: workspaceId },
    select: { pseudonymise: true, pseudonymKeySealed: true },
  });
  const key = ws?.pseudonymise && ws.pseudonymKeySealed ? Buffer.from(unseal(ws.pseudonymKeySealed), "hex") : null;
  keys.set(workspaceId, { at: Date.now(), key });
  return key;
}

export function forgetPseudonymKey(workspaceId?: string): void {
  if (workspaceId) keys.delete(workspaceId);
  else keys.clear();
}

export async function getPrivacySettings(db: Db, workspaceId: string): Promise<PrivacySettings> {
  const ws = await db.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { pseudonymise: true, retentionDays: true } });
  if (!ws) throw new ApiError("not_found", "No such workspace.");
  return ws;
}

/**
 * Change the settings. Switching pseudonymisation on creates the workspace key once (it is kept
 * when switched off, so pseudonyms stay stable) and re-keys the team rosters. It applies to
 * events ingested from then on; data stored before stays as it was (erase it per recipient, or
 * let retention age the raw log out).
 */
export async function updatePrivacySettings(db: Db, workspaceId: string, patch: PrivacyPatch): Promise<PrivacySettings> {
  const ws = await db.prisma.workspace.findUnique({ where: { id: workspaceId } });
  if (!ws) throw new ApiError("not_found", "No such workspace.");
  const data: { pseudonymise?: boolean; pseudonymKeySealed?: string; retentionDays?: number | null } = {};
  if (patch.retentionDays !== undefined) data.retentionDays = patch.retentionDays;
  let key: Buffer | null = null;
  if (patch.pseudonymise !== undefined) {
    data.pseudonymise = patch.pseudonymise;
    if (patch.pseudonymise) {
      if (ws.pseudonymKeySealed) key = Buffer.from(unseal(ws.pseudonymKeySealed), "hex");
      else {
        key = randomBytes(32);
        data.pseudonymKeySealed = seal(key.toString("hex"));
      }
    }
  }
  const updated = await db.prisma.$transaction(async (tx) => {
    const row = await tx.workspace.update({ where: { id: workspaceId }, data, select: { pseudonymise: true, retentionDays: true } });
    if (patch.pseudonymise !== undefined && patch.pseudonymise !== ws.pseudonymise) await rekeyRoster(tx, workspaceId, key);
    return row;
  });
  forgetPseudonymKey(workspaceId);
  return updated;
}

/** Roster rows carry the id their deliveries are stored under: the pseudonym, or none (= member id). */
async function rekeyRoster(tx: Tx, workspaceId: string, key: Buffer | null): Promise<void> {
  if (!key) {
    await execute(tx, `UPDATE team_members SET recipient_id = NULL WHERE workspace_id = $1`, [workspaceId]);
    return;
  }
  const members = await query<{ member_id: string }>(tx, `SELECT DISTINCT member_id FROM team_members WHERE workspace_id = $1`, [
    workspaceId,
  ]);
  for (const m of members)
    await execute(tx, `UPDATE team_members SET recipient_id = $3 WHERE workspace_id = $1 AND member_id = $2`, [
      workspaceId,
      m.member_id,
      pseudonym(key, m.member_id),
    ]);
}

/**
 * What a roster stores as `recipientId` for a member with this IM id: its pseudonym when the
 * workspace pseudonymises (so announcement rosters join the pseudonymised deliveries), else null.
 * Whoever adds roster members calls this.
 */
export async function memberRecipientId(db: Db, workspaceId: string, memberId: string): Promise<string | null> {
  const key = await pseudonymKeyFor(db, workspaceId);
  return key ? pseudonym(key, memberId) : null;
}

/** Every form a recipient id may be stored under: clear, and its pseudonym when the workspace has a key. */
export async function storedFormsOf(db: Db, workspaceId: string, recipientId: string): Promise<string[]> {
  const ws = await db.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { pseudonymKeySealed: true } });
  if (!ws?.pseudonymKeySealed) return [recipientId];
  const p = pseudonym(Buffer.from(unseal(ws.pseudonymKeySealed), "hex"), recipientId);
  return p === recipientId ? [p] : [recipientId, p];
}
