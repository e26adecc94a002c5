import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { recordAudit, type AuditActor } from "../audit/audit-log";
import type { Db } from "../db/client";
import { ROLES, type Role } from "./roles";

// Users are created by provisioning or an admin (self sign-up is off). The password is stored as
// better-auth stores it (scrypt, random salt, in the "credential" account) so sign-in just works.

export interface UserSpec {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Ids this person sends with on IM platforms. */
  senderIds?: string[];
  /** Teams this person manages (managers). */
  manages?: string[];
}

export async function upsertUser(db: Db, workspaceId: string, u: UserSpec): Promise<string> {
  const prisma = db.prisma;
  const email = u.email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email }, include: { accounts: true } });
  if (existing && existing.workspaceId !== workspaceId) throw new Error(`User "${email}" already belongs to another workspace.`);
  const id = existing?.id ?? `usr_${randomBytes(12).toString("base64url")}`;
  await prisma.user.upsert({
    where: { email },
    create: { id, email, name: u.name, role: u.role, workspaceId, emailVerified: true },
    update: { name: u.name, role: u.role },
  });
  const credential = existing?.accounts.find((a) => a.providerId === "credential");
  if (!credential) {
    await prisma.account.create({
      data: {
        id: `acc_${randomBytes(12).toString("base64url")}`,
        accountId: id,
        providerId: "credential",
        userId: id,
        password: await hashPassword(u.password),
      },
    });
  } else if (!credential.password || !(await verifyPassword({ hash: credential.password, password: u.password }))) {
    await prisma.account.update({ where: { id: credential.id }, data: { password: await hashPassword(u.password) } });
    // A changed password ends every session of that user.
    await prisma.session.deleteMany({ where: { userId: id } });
  }
  await prisma.userSender.deleteMany({ where: { workspaceId, userId: id } });
  if (u.senderIds?.length)
    await prisma.userSender.createMany({
      data: u.senderIds.map((senderId) => ({ workspaceId, senderId, userId: id })),
      skipDuplicates: true,
    });
  await prisma.teamManager.deleteMany({ where: { workspaceId, userId: id } });
  if (u.manages?.length)
    await prisma.teamManager.createMany({ data: u.manages.map((teamId) => ({ workspaceId, teamId, userId: id })), skipDuplicates: true });
  return id;
}

// Admin management of a workspace's users (routes under /api/admin/users). Answers never carry
// password data: the serializer below is the only shape that leaves this module.

const senderIdsSchema = z.array(z.string().trim().min(1).max(200)).max(100);
const managesSchema = z.array(z.string().trim().min(1).max(200)).max(100);

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  /** The first password; the person signs in with it. */
  password: z.string().min(12, "The password needs at least 12 characters.").max(200),
  senderIds: senderIdsSchema.default([]),
  manages: managesSchema.default([]),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    senderIds: senderIdsSchema.optional(),
    manages: managesSchema.optional(),
  })
  .refine(
    (p) => p.role !== undefined || p.senderIds !== undefined || p.manages !== undefined,
    "Change at least one of role, senderIds, manages.",
  );
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export interface UserOut {
  id: string;
  email: string;
  name: string;
  role: Role;
  senderIds: string[];
  manages: string[];
  createdAt: string;
}

type UserRow = { id: string; email: string; name: string; role: string; createdAt: Date };

async function serializeUsers(db: Db, workspaceId: string, rows: UserRow[]): Promise<UserOut[]> {
  const userIds = rows.map((r) => r.id);
  const [senders, managed] = await Promise.all([
    db.prisma.userSender.findMany({ where: { workspaceId, userId: { in: userIds } }, orderBy: { senderId: "asc" } }),
    db.prisma.teamManager.findMany({ where: { workspaceId, userId: { in: userIds } }, orderBy: { teamId: "asc" } }),
  ]);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    senderIds: senders.filter((s) => s.userId === r.id).map((s) => s.senderId),
    manages: managed.filter((m) => m.userId === r.id).map((m) => m.teamId),
    createdAt: r.createdAt.toISOString(),
  }));
}

const userSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;

export async function listUsers(db: Db, workspaceId: string): Promise<UserOut[]> {
  const rows = await db.prisma.user.findMany({ where: { workspaceId }, select: userSelect, orderBy: [{ email: "asc" }] });
  return serializeUsers(db, workspaceId, rows);
}

async function getUser(db: Db, workspaceId: string, id: string): Promise<UserOut> {
  // Another workspace's user is "not found", exactly like an id that does not exist.
  const row = await db.prisma.user.findFirst({ where: { id, workspaceId }, select: userSelect });
  if (!row) throw new ApiError("not_found", `No user "${id}" in this workspace.`);
  return (await serializeUsers(db, workspaceId, [row]))[0];
}

/** A sender id belongs to one person; teams must exist. Both would otherwise be dropped silently. */
async function checkLinks(db: Db, workspaceId: string, userId: string | null, senderIds?: string[], manages?: string[]) {
  if (senderIds?.length) {
    const taken = await db.prisma.userSender.findMany({
      where: { workspaceId, senderId: { in: senderIds }, NOT: userId ? { userId } : undefined },
    });
    if (taken.length) throw new ApiError("bad_request", `Sender id "${taken[0].senderId}" is linked to another user already.`);
  }
  if (manages?.length) {
    const teams = await db.prisma.team.findMany({ where: { workspaceId, id: { in: manages } }, select: { id: true } });
    const missing = manages.find((t) => !teams.some((x) => x.id === t));
    if (missing) throw new ApiError("bad_request", `There is no team "${missing}" in this workspace.`);
  }
}

export async function createUser(db: Db, workspaceId: string, input: CreateUserInput, actor: AuditActor): Promise<UserOut> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique across workspaces (they are the sign-in name); the message does not say where.
  if (await db.prisma.user.findUnique({ where: { email }, select: { id: true } }))
    throw new ApiError("bad_request", `A user with the email "${email}" exists already.`);
  const senderIds = [...new Set(input.senderIds)];
  const manages = [...new Set(input.manages)];
  await checkLinks(db, workspaceId, null, senderIds, manages);
  const id = await upsertUser(db, workspaceId, { ...input, email, senderIds, manages });
  await recordAudit(db, { workspaceId, actor, action: "user.created", target: `user:${id}`, details: { role: input.role } });
  return getUser(db, workspaceId, id);
}

export async function updateUser(db: Db, workspaceId: string, id: string, patch: UpdateUserInput, actor: AuditActor): Promise<UserOut> {
  const before = await getUser(db, workspaceId, id);
  if (patch.role !== undefined && patch.role !== "admin" && actor.id === id && before.role === "admin")
    throw new ApiError("bad_request", "You cannot take away your own admin role; ask another admin to do it.");
  const senderIds = patch.senderIds && [...new Set(patch.senderIds)];
  const manages = patch.manages && [...new Set(patch.manages)];
  await checkLinks(db, workspaceId, id, senderIds, manages);
  if (patch.role !== undefined && patch.role !== before.role) {
    await db.prisma.user.update({ where: { id }, data: { role: patch.role } });
    await recordAudit(db, {
      workspaceId,
      actor,
      action: "role.changed",
      target: `user:${id}`,
      details: { from: before.role, to: patch.role },
    });
  }
  if (senderIds) {
    await db.prisma.userSender.deleteMany({ where: { workspaceId, userId: id } });
    if (senderIds.length)
      await db.prisma.userSender.createMany({ data: senderIds.map((senderId) => ({ workspaceId, senderId, userId: id })) });
  }
  if (manages) {
    await db.prisma.teamManager.deleteMany({ where: { workspaceId, userId: id } });
    if (manages.length) await db.prisma.teamManager.createMany({ data: manages.map((teamId) => ({ workspaceId, teamId, userId: id })) });
  }
  return getUser(db, workspaceId, id);
}

/** Deletes the user, their credentials and sessions (so they are signed out at once) and their links. */
export async function removeUser(db: Db, workspaceId: string, id: string, actor: AuditActor): Promise<UserOut> {
  const user = await getUser(db, workspaceId, id);
  if (actor.id === id) throw new ApiError("bad_request", "You cannot remove yourself; ask another admin to do it.");
  await db.prisma.userSender.deleteMany({ where: { workspaceId, userId: id } });
  await db.prisma.teamManager.deleteMany({ where: { workspaceId, userId: id } });
  await db.prisma.session.deleteMany({ where: { userId: id } });
  await db.prisma.account.deleteMany({ where: { userId: id } });
  await db.prisma.user.delete({ where: { id } });
  await recordAudit(db, { workspaceId, actor, action: "user.removed", target: `user:${id}`, details: { role: user.role } });
  return user;
}
