import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UserAdmin } from "@/components/user-admin";
import { listUsers } from "@/lib/auth/users";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const { db, ws, user } = await pageScope("settings");
  const users = await listUsers(db, ws.id);
  const t = await getTranslations("users");
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          {/* The other settings page (the navigation's Settings entry opens the tokens). */}
          <div className="flex gap-4">
            <Link href="/settings/tokens" className="text-sm text-primary underline-offset-4 hover:underline">
              {t("tokensLink")}
            </Link>
            <Link href="/settings/audit" className="text-sm text-primary underline-offset-4 hover:underline">
              {t("auditLink")}
            </Link>
          </div>
        </div>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <UserAdmin initial={users} selfId={user.id} tz={ws.timezone} />
    </div>
  );
}
