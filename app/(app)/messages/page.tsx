import { pageScope } from "@/lib/ui/page-scope";
import { MessagesPage } from "./messages-page";

export const dynamic = "force-dynamic";

// Thin server page: access (admins, managers, agents) and the workspace's zone; the list comes
// from GET /api/v1/messages with the filters in the URL.
export default async function Page() {
  const { ws } = await pageScope("messages");
  return <MessagesPage tz={ws.timezone} />;
}
