import { getTranslations } from "next-intl/server";
import { SettingsHeader } from "@/components/settings/settings-header";
import { SourceAdmin } from "@/components/sources/source-admin";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

/** Settings → Sources: the webhook sources, their health, and creating one. Admins only. */
export default async function SourcesPage() {
  const { ws } = await pageScope("settings");
  const t = await getTranslations("sources");
  return (
    <div className="flex flex-col gap-5">
      <SettingsHeader current="sources" title={t("title")} intro={<p>{t("intro")}</p>} />
      <SourceAdmin tz={ws.timezone} />
    </div>
  );
}
