import { readBody } from "@/lib/api/body";
import { ApiError, errorResponse, StorageUnavailableError } from "@/lib/api/errors";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/handler";
import { getAuth } from "@/lib/auth/auth";
import { loginLimiter } from "@/lib/auth/login-limiter";
import { redactTokens } from "@/lib/auth/redact";
import { getDb } from "@/lib/db/client";

// better-auth's endpoints (sign-in/email, sign-out, get-session, revoke-sessions, …), with two
// additions: a per-account limit on failed sign-ins, and session tokens removed from JSON answers
// (they live in the httpOnly cookie only, out of reach of page scripts).

export const dynamic = "force-dynamic";

async function handle(original: Request): Promise<Response> {
  try {
    // The library reads bodies without a limit: buffer at most what any sign-in form needs.
    let req = original;
    if (original.method === "POST" && original.body) {
      const body = await readBody(original, MAX_JSON_BODY_BYTES);
      req = new Request(original.url, { method: "POST", headers: original.headers, body: body.length ? new Uint8Array(body) : undefined });
    }
    const db = await getDb().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const auth = await getAuth(db);
    const signIn = req.method === "POST" && new URL(req.url).pathname.endsWith("/sign-in/email");
    const account = signIn ? await accountOf(req) : undefined;
    if (account) {
      const wait = loginLimiter().retryAfter(account);
      if (wait > 0)
        throw new ApiError("rate_limited", `Too many failed sign-ins for this account; try again in ${wait} s.`, undefined, {
          "Retry-After": String(wait),
        });
    }
    const res = await auth.handler(req);
    if (account) res.status === 200 ? loginLimiter().succeed(account) : res.status === 401 && loginLimiter().fail(account);
    return redactTokens(res);
  } catch (err) {
    return errorResponse(err);
  }
}

async function accountOf(req: Request): Promise<string | undefined> {
  try {
    const body = (await req.clone().json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export async function GET(req: Request) {
  return handle(req);
}

export async function POST(req: Request) {
  return handle(req);
}
