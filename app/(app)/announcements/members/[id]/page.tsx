import { notFound } from "next/navigation";
import { MemberHistory } from "@/components/announcements/member-history";
import { ApiError } from "@/lib/api/errors";
import { getMemberAcknowledgements } from "@/lib/queries/get-member-acknowledgements";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function MemberPage(props: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await props.params).id);
  const { db, ws, scope } = await pageScope("announcements");
  // Managers: members of their teams only (404 otherwise). Anyone: 404 for an id that is neither
  // on a roster nor sent an announcement.
  const record = await getMemberAcknowledgements(db, scope, id, { from: "2000-01-01" }, ws.timezone).catch((e) => {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  });
  if (record.name === null && record.announcements === 0) notFound();
  return <MemberHistory memberId={id} tz={ws.timezone} />;
}
