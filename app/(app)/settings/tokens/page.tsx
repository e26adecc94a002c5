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
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <TokenAdmin initial={tokens} tz={ws.timezone} />
    </div>
  );
}
