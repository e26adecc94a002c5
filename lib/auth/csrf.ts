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
  if (!trustedOrigins(req).includes(claimed)) throw csrf();
}

/**
 * This app's origins for a request: the public URL when configured, and the origin the browser
 * addressed (Host / X-Forwarded-Host — a cross-site page cannot change those on its victim's request).
 * Not `req.url`: behind `next start` its host is the server's own name, not what the browser used.
 */
export function trustedOrigins(req: Request): string[] {
  const url = new URL(req.url);
  const first = (h: string) => req.headers.get(h)?.split(",")[0].trim() || undefined;
  const proto = first("x-forwarded-proto") ?? url.protocol.slice(0, -1);
  const host = first("x-forwarded-host") ?? first("host") ?? url.host;
  const base = env().PUBLIC_BASE_URL;
  return [`${proto}://${host}`, ...(base ? [new URL(base).origin] : [])];
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
