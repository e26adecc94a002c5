import { CampaignCompare } from "@/components/campaigns/campaign-compare";
import { pageScope } from "@/lib/ui/page-scope";
import { listSourceOptions } from "@/lib/queries/list-source-options";

export const dynamic = "force-dynamic";

export default async function Page() {
  const { db, ws, scope } = await pageScope("campaigns");
  return <CampaignCompare tz={ws.timezone} sources={await listSourceOptions(db, scope)} />;
}
