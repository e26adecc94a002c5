import { getTranslations } from "next-intl/server";
import { SettingsHeader } from "@/components/settings/settings-header";
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
      <SettingsHeader current="users" title={t("title")} intro={<p>{t("intro")}</p>} />
      <UserAdmin initial={users} selfId={user.id} tz={ws.timezone} />
    </div>
  );
}
