import { listSourceOptions } from "@/lib/queries/list-source-options";
import { pageScope } from "@/lib/ui/page-scope";
import { OverviewPage } from "./overview-page";

export const dynamic = "force-dynamic";

// The Overview's frame: who is signed in, their workspace's zone and sources (for the filter).
// Every number is read on the client from the read API (overview-page.tsx), so the live stream
// refreshes it in place and a filter change never round-trips this page.
export default async function Page() {
  const { db, ws, scope } = await pageScope("overview");
  const sources = await listSourceOptions(db, scope);
  return <OverviewPage timezone={ws.timezone} sources={sources} />;
}
