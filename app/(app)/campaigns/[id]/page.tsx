import { notFound } from "next/navigation";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { findCampaignTitle } from "@/lib/queries/get-campaign";
import { pageScope } from "@/lib/ui/page-scope";
import { listSourceOptions } from "@/lib/queries/list-source-options";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = safeDecode(raw);
  const { db, ws, scope } = await pageScope("campaigns");
  // A campaign this viewer cannot see (or that does not exist) is a 404, like any hidden page.
  const title = await findCampaignTitle(db, scope, id);
  if (title === undefined) notFound();
  return <CampaignDetail id={id} title={title} tz={ws.timezone} sources={await listSourceOptions(db, scope)} />;
}

// Next hands dynamic segments over still percent-encoded when they hold non-ASCII characters.
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
