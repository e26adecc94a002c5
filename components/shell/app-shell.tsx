import Link from "next/link";
import { useTranslations } from "next-intl";
import { Brand } from "./brand";
import { LocaleSwitch } from "./locale-switch";
import { MainNav } from "./main-nav";
import type { NavItem } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";
import { WorkspaceBadge, type ShellWorkspace } from "./workspace-badge";

/**
 * Header (brand, the signed-in user's workspace and its time zone, language, theme, user menu)
 * and the main navigation around every signed-in page (app/(app)/layout.tsx). `navItems`: the
 * sections the user's role may see (navItemsFor(role)). `userMenu`: the account menu.
 */
export function AppShell({
  workspace,
  navItems,
  userMenu,
  children,
}: {
  workspace: ShellWorkspace;
  navItems: readonly NavItem[];
  userMenu: React.ReactNode;
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
          <Link href="/" className="py-1">
            <Brand />
          </Link>
          <WorkspaceBadge workspace={workspace} />
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
