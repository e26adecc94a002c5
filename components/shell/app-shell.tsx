import Link from "next/link";
import { useTranslations } from "next-intl";
import { Suspense } from "react";
import type { ShellWorkspace } from "@/lib/ui/page-scope";
import { LocaleSwitch } from "./locale-switch";
import { MainNav } from "./main-nav";
import { NAV_ITEMS, type NavItem } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";
import { WorkspaceBadge } from "./workspace-badge";

/**
 * Header (brand, workspace and its time zone, language, theme, user menu) and the main
 * navigation around every signed-in page. `workspaces`: the ones the header may name (default
 * first; after sign-in, just the user's). `navItems`: the list after role filtering (navFor(role)).
 * `userMenu`: the slot for sign-in's menu.
 */
export function AppShell({
  workspaces,
  navItems = NAV_ITEMS,
  userMenu,
  children,
}: {
  workspaces: ShellWorkspace[];
  navItems?: readonly NavItem[];
  userMenu?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("app");
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 pt-2 md:px-6">
          <Link href="/" className="flex items-center gap-2 py-1 font-semibold tracking-tight">
            <span aria-hidden className="grid size-6 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
              R
            </span>
            {t("name")}
          </Link>
          <Suspense>
            <WorkspaceBadge workspaces={workspaces} />
          </Suspense>
          <div className="ml-auto flex items-center gap-1">
            <LocaleSwitch />
            <ThemeToggle />
            {userMenu}
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-2 md:px-4">
          <MainNav items={navItems} />
        </div>
      </header>
      <main id="main" className="page mx-auto max-w-7xl px-4 py-6 md:px-6">
        {children}
      </main>
    </>
  );
}
