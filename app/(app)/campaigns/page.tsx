import { CampaignsList } from "@/components/campaigns/campaigns-list";
import { pageScope } from "@/lib/ui/page-scope";
import { listSourceOptions } from "@/lib/queries/list-source-options";

export const dynamic = "force-dynamic";

// The table is client-rendered from GET /api/v1/campaigns (useApiQuery), so filters, search and
// sort change the URL and the numbers without a server round trip, and live updates refresh it.
export default async function Page() {
  const { db, ws, scope } = await pageScope("campaigns");
  return <CampaignsList tz={ws.timezone} sources={await listSourceOptions(db, scope)} />;
}
