import type { TokenViewer } from "../auth/api-tokens";
import type { Role } from "../auth/roles";
import type { Db } from "../db/client";

// Every query function takes a ViewerScope and applies it in SQL; there is no unscoped query to
// call by mistake. API tokens see their whole workspace; user roles (agents, managers, marketers)
// narrow it further with `senderIds`, `announcementIds`, `kinds` and `teamIds`.

export interface ViewerScope {
  workspaceId: string;
  /** When set, only messages sent by these sender ids are visible (widened by `announcementIds`). */
  senderIds?: string[];
  /** When set, only messages of these kinds are visible. */
  kinds?: string[];
  /**
   * Messages of these announcements are visible too, whoever sent them (a manager's teams'
   * announcements). Only widens `senderIds`: without `senderIds` everything is visible anyway.
   */
  announcementIds?: string[];
  /** When set, only these teams (rosters, announcements by team) are visible; [] = no team data. */
  teamIds?: string[];
  /** Who is looking — for audit logs and per-user features; never needed to filter rows. */
  viewer?: { kind: "user"; userId: string; role: Role } | { kind: "token"; tokenId: string };
}

export function scopeForToken(viewer: TokenViewer): ViewerScope {
  return { workspaceId: viewer.workspaceId, viewer: { kind: "token", tokenId: viewer.tokenId } };
}

export interface ScopedUser {
  id: string;
  role: Role;
  workspaceId: string;
}

/**
 * The product's privacy rules as a scope: admins see their whole workspace; marketers campaigns
 * only; managers their own and their teams' members' messages plus their teams' announcements;
 * agents only the messages they sent (so only their own conversations' answers).
 */
export async function scopeForUser(db: Db, user: ScopedUser): Promise<ViewerScope> {
  const base = { workspaceId: user.workspaceId, viewer: { kind: "user" as const, userId: user.id, role: user.role } };
  const where = { workspaceId: user.workspaceId, userId: user.id };
  switch (user.role) {
    case "admin":
      return base;
    case "marketer":
      return { ...base, kinds: ["campaign"], teamIds: [] };
    case "agent": {
      const own = await db.prisma.userSender.findMany({ where, select: { senderId: true } });
      return { ...base, senderIds: own.map((s) => s.senderId), teamIds: [] };
    }
    case "manager": {
      const [own, managed] = await Promise.all([
        db.prisma.userSender.findMany({ where, select: { senderId: true } }),
        db.prisma.teamManager.findMany({ where, select: { teamId: true } }),
      ]);
      const teamIds = managed.map((t) => t.teamId);
      const [members, announcements] = await Promise.all([
        db.prisma.teamMember.findMany({ where: { workspaceId: user.workspaceId, teamId: { in: teamIds } }, select: { memberId: true } }),
        db.prisma.announcement.findMany({ where: { workspaceId: user.workspaceId, teamId: { in: teamIds } }, select: { id: true } }),
      ]);
      const senderIds = [...new Set([...own.map((s) => s.senderId), ...members.map((m) => m.memberId)])].sort();
      return { ...base, senderIds, announcementIds: announcements.map((a) => a.id).sort(), teamIds };
    }
  }
}
