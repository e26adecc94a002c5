import { pageScope } from "@/lib/ui/page-scope";
import { SupportPage } from "./support-page";

export const dynamic = "force-dynamic";

// Thin server page: who may open it (admins, managers, agents) and the workspace's defaults; the
// client page reads everything else through the read API with the filters in the URL.
export default async function Page() {
  const { ws, user } = await pageScope("support");
  return <SupportPage tz={ws.timezone} defaultHours={ws.followUpHours} ownOnly={user.role === "agent"} />;
}
