import { handleVerification, handleWebhook } from "@/lib/webhooks/handle-webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ sourceId: string }> }) {
  return handleWebhook(req, (await ctx.params).sourceId);
}

/** WhatsApp's subscription handshake (hub.mode, hub.verify_token, hub.challenge). */
export async function GET(req: Request, ctx: { params: Promise<{ sourceId: string }> }) {
  return handleVerification(req, (await ctx.params).sourceId);
}
