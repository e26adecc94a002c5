import { getTranslations } from "next-intl/server";
import { SettingsHeader } from "@/components/settings/settings-header";
import { TokenAdmin } from "@/components/token-admin";
import { listTokens } from "@/lib/auth/api-tokens";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { db, ws } = await pageScope("settings");
  const tokens = await listTokens(db, ws.id);
  const t = await getTranslations("tokens");
  return (
    <div className="flex flex-col gap-5">
      <SettingsHeader current="tokens" title={t("title")} intro={<p>{t("intro")}</p>} />
      <TokenAdmin initial={tokens} tz={ws.timezone} />
    </div>
  );
}
