import { navFor, SECTIONS, type Role, type Section } from "@/lib/auth/roles";

/**
 * The main navigation as data: one item per section of lib/auth/roles.ts, in its order. Plain
 * data (icons by name), so the server layout can filter it by role and hand it to the client
 * navigation; labels are the `nav.<id>` messages.
 */
export interface NavItem {
  id: Section;
  href: string;
}

// Where each section lives (some pages are still to come).
const HREFS: Record<Section, string> = {
  overview: "/",
  campaigns: "/campaigns",
  announcements: "/announcements",
  support: "/support",
  messages: "/messages",
  settings: "/settings/tokens",
};

export const NAV_ITEMS: readonly NavItem[] = SECTIONS.map((id) => ({ id, href: HREFS[id] }));

/** The items a role may see (navFor), in navigation order. */
export function navItemsFor(role: Role): NavItem[] {
  const allowed = navFor(role);
  return NAV_ITEMS.filter((i) => allowed.includes(i.id));
}

/** Whether `pathname` is inside the item's section ("/" only matches itself). */
export function isActive(item: Pick<NavItem, "href">, pathname: string): boolean {
  return item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
