// Liveness, and the "empty route handler" baseline of `npm run bench:ingest`: it reads the body
// like a webhook does and touches nothing else.
export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json({ ok: true });
}

export async function POST(req: Request) {
  await req.text();
  return Response.json({ ok: true });
}
