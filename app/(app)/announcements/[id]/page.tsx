import { notFound } from "next/navigation";
import { AnnouncementDetail } from "@/components/announcements/announcement-detail";
import { ApiError } from "@/lib/api/errors";
import { getAnnouncement } from "@/lib/queries/get-announcement";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function AnnouncementPage(props: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await props.params).id);
  const { db, ws, scope } = await pageScope("announcements");
  // An announcement the viewer may not see answers 404 like one that does not exist; the data
  // itself comes from the API (audited there as a view of a per-person list).
  await getAnnouncement(db, scope, id, { tz: ws.timezone }).catch((e) => {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  });
  return <AnnouncementDetail id={id} tz={ws.timezone} />;
}
