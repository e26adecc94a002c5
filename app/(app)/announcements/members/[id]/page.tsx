import { notFound } from "next/navigation";
import { MemberHistory } from "@/components/announcements/member-history";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/audit-log";
import { getMemberAcknowledgements } from "@/lib/queries/get-member-acknowledgements";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function MemberPage(props: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await props.params).id);
  const { db, ws, scope, user } = await pageScope("announcements");
  // Managers: members of their teams only (404 otherwise). Anyone: 404 for an id that is neither
  // on a roster nor sent an announcement. The first view is GET /api/v1/members/{id}/acknowledgements
  // rendered here (all time, audited the same way).
  const record = await getMemberAcknowledgements(db, scope, id, { from: "2000-01-01" }, ws.timezone).catch((e) => {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  });
  if (record.name === null && record.announcements === 0) notFound();
  await recordAudit(db, { workspaceId: ws.id, actor: { type: "user", id: user.id }, action: "list.viewed", target: `member:${id}` });
  return <MemberHistory memberId={id} tz={ws.timezone} initial={record} />;
}
