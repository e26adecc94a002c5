import { ApiError } from "../api/errors";
import { env } from "../env";

// Cookie-authenticated mutations must come from our own pages. SameSite=Lax already keeps the
// cookie off cross-site POSTs in current browsers; this check also covers old browsers and
// same-site subdomains: the Origin (or, failing that, Referer) must be this app's origin.

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  if (req.headers.get("sec-fetch-site") === "cross-site") throw csrf();
  const claimed = req.headers.get("origin") ?? refererOrigin(req.headers.get("referer"));
  if (!claimed || claimed === "null") throw csrf();
  const base = env().PUBLIC_BASE_URL;
  const allowed = [new URL(req.url).origin, ...(base ? [new URL(base).origin] : [])];
  if (!allowed.includes(claimed)) throw csrf();
}

function refererOrigin(referer: string | null): string | null {
  try {
    return referer ? new URL(referer).origin : null;
  } catch {
    return null;
  }
}

function csrf(): ApiError {
  return new ApiError("forbidden", "Cross-site request refused: send it from the app's own pages (Origin header).", { reason: "csrf" });
}
