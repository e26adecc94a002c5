import { AppShell } from "@/components/shell/app-shell";
import { LiveUpdates } from "@/components/shell/live-updates";
import { navItemsFor } from "@/components/shell/nav-items";
import { UserMenu } from "@/components/user-menu";
import { shellSession } from "@/lib/ui/page-scope";

// Every signed-in page: the shell with the sections the user's role may see and their account
// menu. Anonymous visitors are sent to sign-in (the pages check again through pageScope).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user, ws } = await shellSession();
  return (
    <LiveUpdates>
      <AppShell
        workspace={{ name: ws.name, timezone: ws.timezone }}
        navItems={navItemsFor(user.role)}
        userMenu={<UserMenu name={user.name} email={user.email} role={user.role} />}
      >
        {children}
      </AppShell>
    </LiveUpdates>
  );
}
