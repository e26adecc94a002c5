import fs from "node:fs";
import { z } from "zod";
import { hashToken } from "./auth/api-tokens";
import { ROLES } from "./auth/roles";
import { upsertUser } from "./auth/users";
import { seal, unseal } from "./crypto/secret-box";
import type { Db } from "./db/client";
import { businessHoursSchema } from "./metrics/business-hours";
import { isValidTimeZone } from "./queries/filters";
import { forgetSource } from "./webhooks/sources";

// Workspaces, sources, tokens, teams and users declared in PROVISION_FILE, applied at start: create or update,
// never duplicate, so deployments and scripted tests are reproducible.

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and dashes");

export const provisionSchema = z.object({
  workspaces: z.array(
    z.object({
      slug,
      name: z.string().min(1),
      timezone: z.string().refine(isValidTimeZone, "not an IANA time zone").default("UTC"),
      /** Opening hours for support response times, in the workspace's zone: {days: [1..7], start: "09:00", end: "18:00"}. */
      businessHours: businessHoursSchema.optional(),
      sources: z
        .array(
          z.object({
            id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and -"),
            platform: z.enum(["whatsapp", "twilio", "sendbird", "tencent", "stream", "generic"]),
            name: z.string().min(1),
            secret: z.string().min(1),
            verifyToken: z.string().optional(),
            publicBaseUrl: z.string().url().optional(),
            /** Tencent SdkAppid, Stream API key or Sendbird app_id: requests naming another app are refused. */
            appId: z.string().min(1).optional(),
          }),
        )
        .default([]),
      tokens: z
        .array(
          z.object({ name: z.string().min(1), token: z.string().min(12), scopes: z.array(z.enum(["ingest", "read", "admin"])).min(1) }),
        )
        .default([]),
      teams: z
        .array(
          z.object({
            id: z.string().min(1),
            name: z.string().min(1),
            members: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })).default([]),
          }),
        )
        .default([]),
      users: z
        .array(
          z.object({
            email: z.email(),
            name: z.string().min(1),
            role: z.enum(ROLES),
            password: z.string().min(10, "at least 10 characters"),
            senderIds: z.array(z.string().min(1)).default([]),
            manages: z.array(z.string().min(1)).default([]),
          }),
        )
        .default([]),
    }),
  ),
});

/** As written in the file or by tests: optional lists may be left out. */
export type Provision = z.input<typeof provisionSchema>;

export function readProvisionFile(file: string): z.infer<typeof provisionSchema> {
  const parsed = provisionSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${file} is not a valid provision file:\n  ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ")}`,
    );
  }
  return parsed.data;
}

export async function applyProvision(db: Db, p: Provision): Promise<void> {
  const prisma = db.prisma;
  for (const w of provisionSchema.parse(p).workspaces) {
    const ws = await prisma.workspace.upsert({
      where: { slug: w.slug },
      create: { id: w.slug, slug: w.slug, name: w.name, timezone: w.timezone, businessHours: w.businessHours },
      update: { name: w.name, timezone: w.timezone, ...(w.businessHours ? { businessHours: w.businessHours } : {}) },
    });
    for (const s of w.sources) {
      const existing = await prisma.source.findUnique({ where: { id: s.id } });
      if (existing && existing.workspaceId !== ws.id) throw new Error(`Source id "${s.id}" already belongs to another workspace.`);
      const fields = {
        platform: s.platform,
        name: s.name,
        verifyToken: s.verifyToken ?? null,
        publicBaseUrl: s.publicBaseUrl ?? null,
        appId: s.appId ?? null,
      };
      // Re-seal only when the secret changed, so a restart does not rewrite every source.
      const secretSealed = existing && unseal(existing.secretSealed) === s.secret ? existing.secretSealed : seal(s.secret);
      await prisma.source.upsert({
        where: { id: s.id },
        create: { id: s.id, workspaceId: ws.id, secretSealed, ...fields },
        update: { secretSealed, ...fields },
      });
      forgetSource(s.id);
    }
    for (const t of w.tokens) {
      await prisma.apiToken.upsert({
        where: { workspaceId_name: { workspaceId: ws.id, name: t.name } },
        create: { id: `tok_${ws.id}_${t.name}`, workspaceId: ws.id, name: t.name, tokenHash: hashToken(t.token), scopes: t.scopes },
        update: { tokenHash: hashToken(t.token), scopes: t.scopes, revokedAt: null },
      });
    }
    for (const t of w.teams) {
      await prisma.team.upsert({
        where: { workspaceId_id: { workspaceId: ws.id, id: t.id } },
        create: { workspaceId: ws.id, id: t.id, name: t.name },
        update: { name: t.name },
      });
      for (const m of t.members)
        await prisma.teamMember.upsert({
          where: { workspaceId_teamId_memberId: { workspaceId: ws.id, teamId: t.id, memberId: m.id } },
          create: { workspaceId: ws.id, teamId: t.id, memberId: m.id, name: m.name },
          update: { name: m.name },
        });
    }
    for (const u of w.users) await upsertUser(db, ws.id, u);
  }
}
