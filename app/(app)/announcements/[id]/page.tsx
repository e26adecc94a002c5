import { notFound } from "next/navigation";
import { createLoader, type SearchParams } from "nuqs/server";
import { AnnouncementDetail } from "@/components/announcements/announcement-detail";
import { announcementParams } from "@/components/announcements/overdue-hours";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/audit-log";
import { getAnnouncement } from "@/lib/queries/get-announcement";
import { sortRoster } from "@/lib/queries/sort-roster";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

const loadParams = createLoader(announcementParams);

export default async function AnnouncementPage(props: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const id = decodeURIComponent((await props.params).id);
  const params = await loadParams(props.searchParams);
  const { db, ws, scope, user } = await pageScope("announcements");
  // One the viewer may not see answers 404 like one that does not exist. The first view is the
  // same as GET /api/v1/announcements/{id} (and audited the same way); later ones come from it.
  const detail = await getAnnouncement(db, scope, id, { tz: ws.timezone, hours: params.hours > 0 ? params.hours : undefined }).catch(
    (e) => {
      if (e instanceof ApiError && e.code === "not_found") notFound();
      throw e;
    },
  );
  await recordAudit(db, { workspaceId: ws.id, actor: { type: "user", id: user.id }, action: "list.viewed", target: `announcement:${id}` });
  const data = { ...detail, members: sortRoster(detail.members, params.sort, params.order) };
  return <AnnouncementDetail id={id} tz={ws.timezone} initial={{ params, data }} />;
}
