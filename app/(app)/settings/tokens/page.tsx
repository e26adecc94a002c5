import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          {/* The other settings page (the navigation's Settings entry opens the tokens). */}
          <div className="flex gap-4">
            <Link href="/settings/users" className="text-sm text-primary underline-offset-4 hover:underline">
              {t("usersLink")}
            </Link>
            <Link href="/settings/nudge" className="text-sm text-primary underline-offset-4 hover:underline">
              {t("nudgeLink")}
            </Link>
          </div>
        </div>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <TokenAdmin initial={tokens} tz={ws.timezone} />
    </div>
  );
}
