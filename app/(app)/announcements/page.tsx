import { getTranslations } from "next-intl/server";
import { AnnouncementsList } from "@/components/announcements/announcements-list";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

/** Announcements and their acknowledgement rates (managers: their teams'). */
export default async function AnnouncementsPage() {
  const { ws } = await pageScope("announcements");
  const t = await getTranslations("announcements");
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <AnnouncementsList tz={ws.timezone} />
    </div>
  );
}
