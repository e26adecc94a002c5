import { getTranslations } from "next-intl/server";
import { createLoader, type SearchParams } from "nuqs/server";
import { AnnouncementsList } from "@/components/announcements/announcements-list";
import { overdueHoursParam } from "@/components/announcements/overdue-hours";
import { listAnnouncements } from "@/lib/queries/list-announcements";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

const loadParams = createLoader({ hours: overdueHoursParam });

/** Announcements and their acknowledgement rates (managers: their teams'). */
export default async function AnnouncementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { hours } = await loadParams(searchParams);
  const { db, ws, scope } = await pageScope("announcements");
  // The first view is rendered here (the same query as GET /api/v1/announcements); live updates
  // and a change of `hours` refetch through the API.
  const announcements = hours > 0 ? await listAnnouncements(db, scope, { hours }, ws.timezone) : undefined;
  const t = await getTranslations("announcements");
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <AnnouncementsList tz={ws.timezone} initial={announcements && { hours, announcements }} />
    </div>
  );
}
