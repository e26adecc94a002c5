/**
 * The main navigation as data. Sign-in's `navFor(role)` filters this list (by `id` or `roles`);
 * the shell renders whatever list it is given. Plain data (icons by name), so a server component
 * can filter it and hand it to the client navigation.
 */
export interface NavItem {
  id: "overview" | "campaigns" | "announcements" | "support" | "settings";
  href: string;
  icon: "overview" | "campaigns" | "announcements" | "support" | "settings";
  /** Roles that see the item; undefined = everyone. */
  roles?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { id: "overview", href: "/", icon: "overview" },
  { id: "campaigns", href: "/campaigns", icon: "campaigns" },
  { id: "announcements", href: "/announcements", icon: "announcements" },
  { id: "support", href: "/support", icon: "support" },
  { id: "settings", href: "/settings", icon: "settings" },
];

/** Whether `pathname` is inside the item's section ("/" only matches itself). */
export function isActive(item: Pick<NavItem, "href">, pathname: string): boolean {
  return item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
