import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { seal, unseal } from "../crypto/secret-box";
import type { Db } from "../db/client";

// The workspace's outgoing webhook for nudges: a URL and a Standard Webhooks signing secret.
// The secret is made here, shown once (in the answer that creates it) and stored sealed, since
// signing needs the secret itself, not a hash of it.

export interface NudgeWebhookSettings {
  url: string | null;
  /** True when a signing secret exists (its value is never shown again). */
  hasSecret: boolean;
}

export const nudgeWebhookSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "give an http:// or https:// URL" }).max(2000),
    /** Make a new signing secret (the old one stops working at once). */
    rotateSecret: z.boolean().optional(),
  })
  .strict();
export type NudgeWebhookInput = z.infer<typeof nudgeWebhookSchema>;

/** A Standard Webhooks secret: "whsec_" + base64 of 24 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export async function getNudgeWebhook(db: Db, workspaceId: string): Promise<NudgeWebhookSettings> {
  const ws = await db.prisma.workspace.findUnique({
    where: { id: workspaceId },
    select: { nudgeWebhookUrl: true, nudgeWebhookSecretSealed: true },
  });
  if (!ws) throw new ApiError("not_found", "No such workspace.");
  return { url: ws.nudgeWebhookUrl, hasSecret: ws.nudgeWebhookSecretSealed !== null };
}

/**
 * Set the URL; a secret is made the first time (or on `rotateSecret`) and returned once as
 * `secret`. Otherwise the existing secret is kept and `secret` is absent.
 */
export async function setNudgeWebhook(
  db: Db,
  workspaceId: string,
  input: NudgeWebhookInput,
): Promise<NudgeWebhookSettings & { secret?: string }> {
  const current = await getNudgeWebhook(db, workspaceId);
  const secret = !current.hasSecret || input.rotateSecret ? newSigningSecret() : undefined;
  await db.prisma.workspace.update({
    where: { id: workspaceId },
    data: { nudgeWebhookUrl: input.url, ...(secret ? { nudgeWebhookSecretSealed: seal(secret) } : {}) },
  });
  return { url: input.url, hasSecret: true, ...(secret ? { secret } : {}) };
}

export async function clearNudgeWebhook(db: Db, workspaceId: string): Promise<NudgeWebhookSettings> {
  await getNudgeWebhook(db, workspaceId);
  await db.prisma.workspace.update({
    where: { id: workspaceId },
    data: { nudgeWebhookUrl: null, nudgeWebhookSecretSealed: null },
  });
  return { url: null, hasSecret: false };
}

/** The URL and the unsealed secret, for sending; null when not configured. */
export async function nudgeTarget(db: Db, workspaceId: string): Promise<{ url: string; secret: string } | null> {
  const ws = await db.prisma.workspace.findUnique({
    where: { id: workspaceId },
    select: { nudgeWebhookUrl: true, nudgeWebhookSecretSealed: true },
  });
  if (!ws?.nudgeWebhookUrl || !ws.nudgeWebhookSecretSealed) return null;
  return { url: ws.nudgeWebhookUrl, secret: unseal(ws.nudgeWebhookSecretSealed) };
}
