import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NudgeWebhookAdmin } from "@/components/nudge-webhook-admin";
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
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <Link href="/settings/tokens" className="text-sm text-primary underline-offset-4 hover:underline">
            {t("tokensLink")}
          </Link>
        </div>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <NudgeWebhookAdmin initial={settings} />
    </div>
  );
}
