import { canSee } from "@/lib/auth/roles";
import { listSourceOptions } from "@/lib/queries/list-source-options";
import { pageScope } from "@/lib/ui/page-scope";
import { DeliveriesPage } from "./deliveries-page";

export const dynamic = "force-dynamic";

// The list behind any count: every role may open it (like GET /api/v1/deliveries); what each sees
// is narrowed by their scope in SQL. Rows link to the message page for roles that may open it.
export default async function Page() {
  const { db, ws, scope, user } = await pageScope("overview");
  const sources = await listSourceOptions(db, scope);
  return <DeliveriesPage timezone={ws.timezone} sources={sources} canOpenMessages={canSee(user.role, "messages")} />;
}
