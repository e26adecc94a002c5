import { readBody } from "@/lib/api/body";
import { errorResponse } from "@/lib/api/errors";

// Liveness, and the "empty route handler" baseline of `npm run bench:ingest`: it reads the body
// like a webhook does (with the same 1 MiB limit) and touches nothing else.
export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json({ ok: true });
}

export async function POST(req: Request) {
  try {
    await readBody(req, 1024 * 1024);
    return Response.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
