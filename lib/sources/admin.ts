import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { recordAudit, type AuditActor } from "../audit/audit-log";
import { seal } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { env } from "../env";
import { getWorkspace } from "../queries/get-workspace";
import { listSources, type SourceListRow } from "../queries/list-sources";
import type { ViewerScope } from "../queries/scope";
import { isoInTz } from "../serialize";
import { replaySource, type ReplayReport } from "../webhooks/replay";
import { forgetSource } from "../webhooks/sources";

// Admin management of a workspace's webhook sources (routes under /api/admin/sources).
// Secrets are sealed (lib/crypto/secret-box.ts) and leave the server at most once: the one a
// generic source is given at creation or rotation. Platforms that issue their own secret
// (WhatsApp app secret, Twilio auth token, …) have it pasted in, and it is never echoed back.

export const PLATFORMS = ["whatsapp", "twilio", "sendbird", "tencent", "stream", "generic"] as const;
export type SourcePlatform = (typeof PLATFORMS)[number];

/** Default grace period of the previous secret after a rotation. */
export const DEFAULT_GRACE_HOURS = 24;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ""))
  .nullish();
/** A secret the platform issued (pasted from its console). */
const pastedSecret = z.string().trim().min(8, "The secret needs at least 8 characters.").max(500);

export const createSourceSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    name: z.string().trim().min(1).max(100),
    /** The platform's secret; required for every platform except generic (which gets a generated one). */
    secret: pastedSecret.optional(),
    /** WhatsApp: the verify token of the subscription handshake (generated when omitted). */
    verifyToken: optionalText(200),
    /** The public origin the platform calls (Twilio signs the URL it called). */
    publicBaseUrl: baseUrl,
    /** Tencent SdkAppid, Stream API key or Sendbird app_id: requests naming another app are refused. */
    appId: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.platform === "generic" && v.secret)
      ctx.addIssue({ code: "custom", path: ["secret"], message: "Generic sources get a generated secret; leave it out." });
    if (v.platform !== "generic" && !v.secret)
      ctx.addIssue({ code: "custom", path: ["secret"], message: `A ${v.platform} source needs the secret the platform gives you.` });
  });
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

export const updateSourceSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  verifyToken: optionalText(200),
  publicBaseUrl: baseUrl,
  appId: optionalText(200),
});
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const rotateSecretSchema = z.strictObject({
  /** The platform's new secret; generic sources get a generated one (leave it out). */
  secret: pastedSecret.optional(),
  /** How long the previous secret stays valid, in hours (0 ends it at once). */
  graceHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(DEFAULT_GRACE_HOURS),
});

export const replaySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newGenericSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The URL to paste into the platform's console: the source's public base, else PUBLIC_BASE_URL, else the request's origin. */
export function webhookUrl(sourceId: string, publicBaseUrl: string | null, requestOrigin: string): string {
  const base = (publicBaseUrl ?? env().PUBLIC_BASE_URL ?? requestOrigin).replace(/\/+$/, "");
  return `${base}/api/webhooks/${encodeURIComponent(sourceId)}`;
}

/** The wire shape of a source: settings, counters and its webhook URL; never a secret. */
export function serializeSource(s: SourceListRow, tz: string, origin: string) {
  return {
    id: s.id,
    platform: s.platform as SourcePlatform,
    name: s.name,
    enabled: s.enabled,
    webhookUrl: webhookUrl(s.id, s.publicBaseUrl, origin),
    verifyToken: s.verifyToken,
    publicBaseUrl: s.publicBaseUrl,
    appId: s.appId,
    createdAt: isoInTz(s.createdAt, tz)!,
    previousSecretUntil: isoInTz(s.previousSecretUntil, tz),
    health: {
      accepted: s.accepted,
      duplicates: s.duplicates,
      outOfOrder: s.outOfOrder,
      waiting: s.waiting,
      signatureFailures: s.signatureFailures,
      parseErrors: s.parseErrors,
      lastEventAt: isoInTz(s.lastEventAt, tz),
      lastReceivedAt: isoInTz(s.lastReceivedAt, tz),
    },
  };
}
export type SourceOut = ReturnType<typeof serializeSource>;

interface Ctx {
  db: Db;
  workspaceId: string;
  tz: string;
  origin: string;
  actor: AuditActor;
}

/** What every source route needs: the workspace's zone for times, the request's origin for webhook URLs. */
export async function sourceContext(c: { db: Db; scope: ViewerScope; req: Request; actor: AuditActor }): Promise<Ctx> {
  const ws = await getWorkspace(c.db, c.scope);
  return { db: c.db, workspaceId: ws.id, tz: ws.timezone, origin: new URL(c.req.url).origin, actor: c.actor };
}

export async function listWorkspaceSources(c: Omit<Ctx, "actor">): Promise<SourceOut[]> {
  return (await listSources(c.db, c.workspaceId)).map((s) => serializeSource(s, c.tz, c.origin));
}

export async function getWorkspaceSource(c: Omit<Ctx, "actor">, id: string): Promise<SourceOut> {
  const [row] = await listSources(c.db, c.workspaceId, id);
  if (!row) throw new ApiError("not_found", `No source "${id}" in this workspace.`);
  return serializeSource(row, c.tz, c.origin);
}

/** Creates a source; a generated secret is in the answer this once (null when the platform's was pasted). */
export async function createSource(c: Ctx, input: CreateSourceInput): Promise<{ source: SourceOut; secret: string | null }> {
  const generated = input.platform === "generic" ? newGenericSecret() : null;
  const secret = generated ?? input.secret!;
  const id = `src_${randomBytes(9).toString("base64url")}`;
  await c.db.prisma.source.create({
    data: {
      id,
      workspaceId: c.workspaceId,
      platform: input.platform,
      name: input.name,
      secretSealed: seal(secret),
      // WhatsApp's handshake needs a verify token; one is made up when none was chosen.
      verifyToken: input.verifyToken ?? (input.platform === "whatsapp" ? randomBytes(12).toString("base64url") : null),
      publicBaseUrl: input.publicBaseUrl ?? null,
      appId: input.appId ?? null,
    },
  });
  forgetSource(id);
  await recordAudit(c.db, {
    workspaceId: c.workspaceId,
    actor: c.actor,
    action: "source.created",
    target: `source:${id}`,
    details: { platform: input.platform, name: input.name },
  });
  return { source: await getWorkspaceSource(c, id), secret: generated };
}

async function owned(c: Ctx, id: string) {
  const row = await c.db.prisma.source.findFirst({ where: { id, workspaceId: c.workspaceId } });
  if (!row) throw new ApiError("not_found", `No source "${id}" in this workspace.`);
  return row;
}

/** Changes settings; disabling refuses the source's webhooks at once (404), enabling accepts them again. */
export async function updateSource(c: Ctx, id: string, input: UpdateSourceInput): Promise<SourceOut> {
  const row = await owned(c, id);
  const data = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as UpdateSourceInput;
  const changed = Object.keys(data).filter((k) => data[k as keyof UpdateSourceInput] !== row[k as keyof typeof row]);
  if (changed.length) {
    await c.db.prisma.source.update({ where: { id }, data });
    forgetSource(id);
    await recordAudit(c.db, {
      workspaceId: c.workspaceId,
      actor: c.actor,
      action: "source.updated",
      target: `source:${id}`,
      // Which settings changed; values only where they are plainly not secret.
      details: { changed, ...(data.enabled !== undefined ? { enabled: data.enabled } : {}), ...(data.name ? { name: data.name } : {}) },
    });
  }
  return getWorkspaceSource(c, id);
}

/**
 * A new secret; the previous one stays valid for `graceHours` so the platform's side can be
 * switched without losing webhooks. Only the current secret is kept as "previous": a second
 * rotation within the grace period ends the oldest one.
 */
export async function rotateSecret(
  c: Ctx,
  id: string,
  input: z.infer<typeof rotateSecretSchema>,
): Promise<{ source: SourceOut; secret: string | null }> {
  const row = await owned(c, id);
  if (row.platform === "generic" && input.secret)
    throw new ApiError("bad_request", "Generic sources get a generated secret; leave `secret` out.");
  if (row.platform !== "generic" && !input.secret)
    throw new ApiError("bad_request", `Paste the new secret from ${row.platform}'s console as \`secret\`.`);
  const generated = row.platform === "generic" ? newGenericSecret() : null;
  const until = new Date(Date.now() + input.graceHours * 3_600_000);
  await c.db.prisma.source.update({
    where: { id },
    data: { secretSealed: seal(generated ?? input.secret!), previousSecretSealed: row.secretSealed, previousSecretUntil: until },
  });
  forgetSource(id);
  await recordAudit(c.db, {
    workspaceId: c.workspaceId,
    actor: c.actor,
    action: "source.secret_rotated",
    target: `source:${id}`,
    details: { graceHours: input.graceHours, previousValidUntil: until.toISOString() },
  });
  return { source: await getWorkspaceSource(c, id), secret: generated };
}

/** Re-runs the source's stored requests (optionally those received in [from, to)) through its current adapter. */
export async function replayWorkspaceSource(c: Ctx, id: string, input: z.infer<typeof replaySchema>): Promise<ReplayReport> {
  await owned(c, id);
  const report = await replaySource(c.db, id, {
    since: input.from ? new Date(input.from) : undefined,
    until: input.to ? new Date(input.to) : undefined,
  });
  const { errors, ...counts } = report;
  await recordAudit(c.db, {
    workspaceId: c.workspaceId,
    actor: c.actor,
    action: "source.replayed",
    target: `source:${id}`,
    details: { ...counts, errors: errors.length, from: input.from ?? null, to: input.to ?? null },
  });
  return report;
}
