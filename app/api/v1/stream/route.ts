import { withApi } from "@/lib/api/handler";
import { sseResponse } from "@/lib/api/sse";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  handler: async ({ req, scope }) => sseResponse(req, scope),
});
