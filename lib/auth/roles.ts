// Roles and the sections of the app each may open. Pure data: the shell (navigation,
// components/shell/nav-items.ts), the pages (lib/ui/page-scope.ts) and the authorization tests all
// read it from here, so they cannot drift.

export const ROLES = ["admin", "manager", "marketer", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const SECTIONS = ["overview", "campaigns", "announcements", "support", "messages", "settings"] as const;
export type Section = (typeof SECTIONS)[number];

// Marketers work with campaign aggregates and recipient lists (reached from Campaigns), not with
// single messages' read status, support or team data. Managers lead teams (announcements) and
// support; agents see their own conversations. Settings (sources, users, tokens) is admin-only.
const NAV: Record<Role, readonly Section[]> = {
  admin: SECTIONS,
  manager: ["overview", "announcements", "support", "messages"],
  marketer: ["overview", "campaigns"],
  agent: ["overview", "support", "messages"],
};

/** The sections a role may see, in navigation order. */
export function navFor(role: Role): readonly Section[] {
  return NAV[role];
}

export function canSee(role: Role, section: Section): boolean {
  return NAV[role].includes(section);
}

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

/** The roles that may open a section — and so call the API routes behind it (withApi's `roles`). */
export function rolesFor(section: Section): readonly Role[] {
  return ROLES.filter((r) => canSee(r, section));
}
