import { CampaignCompare } from "@/components/campaigns/campaign-compare";
import { pageScope } from "@/lib/ui/page-scope";
import { loadSourceOptions } from "../sources";

export const dynamic = "force-dynamic";

export default async function Page() {
  const { db, ws } = await pageScope("campaigns");
  return <CampaignCompare tz={ws.timezone} sources={await loadSourceOptions(db, ws.id)} />;
}
