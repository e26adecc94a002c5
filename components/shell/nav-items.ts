import { Inbox, LayoutDashboard, LifeBuoy, Megaphone, Settings } from "lucide-react";

/**
 * The main navigation as data. Sign-in's `navFor(role)` filters this list (by `id` or `roles`);
 * the shell renders whatever list it is given.
 */
export interface NavItem {
  id: "overview" | "campaigns" | "announcements" | "support" | "settings";
  href: string;
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  /** Roles that see the item; undefined = everyone. */
  roles?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { id: "overview", href: "/", icon: LayoutDashboard },
  { id: "campaigns", href: "/campaigns", icon: Megaphone },
  { id: "announcements", href: "/announcements", icon: Inbox },
  { id: "support", href: "/support", icon: LifeBuoy },
  { id: "settings", href: "/settings", icon: Settings },
];

/** Whether `pathname` is inside the item's section ("/" only matches itself). */
export function isActive(item: Pick<NavItem, "href">, pathname: string): boolean {
  return item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
