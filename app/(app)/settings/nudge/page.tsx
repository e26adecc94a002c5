import { getTranslations } from "next-intl/server";
import { NudgeWebhookAdmin } from "@/components/nudge-webhook-admin";
import { SettingsHeader } from "@/components/settings/settings-header";
import { getNudgeWebhook } from "@/lib/nudge/webhook-settings";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

/** Settings → Nudge webhook: where "Nudge overdue" on an announcement posts. Admins only. */
export default async function NudgeWebhookPage() {
  const { db, ws } = await pageScope("settings");
  const settings = await getNudgeWebhook(db, ws.id);
  const t = await getTranslations("nudgeWebhook");
  return (
    <div className="flex flex-col gap-5">
      <SettingsHeader current="nudge" title={t("title")} intro={<p>{t("intro")}</p>} />
      <NudgeWebhookAdmin initial={settings} />
    </div>
  );
}
