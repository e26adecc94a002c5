import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import type { Db } from "../db/client";
import type { Role } from "./roles";

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
