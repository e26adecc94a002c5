import { TokenAdmin } from "@/components/token-admin";
import { listTokens } from "@/lib/auth/api-tokens";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const { db, ws } = await pageScope("settings");
  const tokens = await listTokens(db, ws.id);
  return (
    <>
      <h1>API tokens — {ws.name}</h1>
      <p className="subtle">
        Tokens let your systems post events (<code>ingest</code>) and read statistics (<code>read</code>) over the API. A token&apos;s value
        is shown once when it is created; only its hash is kept. Revoking takes effect on the next request.
      </p>
      <TokenAdmin initial={tokens} />
    </>
  );
}
