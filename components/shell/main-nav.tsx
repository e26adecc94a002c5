"use client";

import { Inbox, LayoutDashboard, LifeBuoy, Mail, Megaphone, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "../ui/cn";
import { isActive, type NavItem } from "./nav-items";

const ICONS: Record<NavItem["id"], typeof Inbox> = {
  overview: LayoutDashboard,
  campaigns: Megaphone,
  announcements: Inbox,
  support: LifeBuoy,
  messages: Mail,
  settings: Settings,
};

export function MainNav({ items }: { items: readonly NavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mb-px flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const active = isActive(item, pathname);
        const Icon = ICONS[item.id];
        return (
          <Link
            key={item.id}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "inline-flex items-center gap-1.5 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium transition-colors",
              active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {t(item.id)}
          </Link>
        );
      })}
    </nav>
  );
}
