import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { newNonce, pageCsp } from "./lib/security/csp";

// Pages get a Content Security Policy with a fresh nonce per response: Next.js reads it from the
// request's Content-Security-Policy header and puts it on its own inline and chunk scripts
// (our pages render dynamically, as nonces require). API routes, static files and images are not
// matched: no per-request cost on the webhook path; next.config.js gives them static headers.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageCsp(nonce, { dev: env().NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
