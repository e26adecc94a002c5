import { handleWebhook } from "@/lib/webhooks/handle-webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ sourceId: string }> }) {
  return handleWebhook(req, (await ctx.params).sourceId);
}
