import { env } from "../env";
import { ApiError } from "./errors";

// Token buckets in memory, one per key (a source, an API token): `rate` requests a second on
// average, bursts up to `burst`. Per process: with N instances the effective limit is N× — fine
// for protecting each instance; a shared limit would need Redis. Keys are ids we already
// authenticated or looked up, so the map stays as small as the number of sources and tokens.

export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, now = Date.now()): number {
    if (this.rate <= 0) return 0; // limit switched off
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.burst, at: now }));
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.rate;
  }
}

let limits: { source: TokenBuckets; token: TokenBuckets } | undefined;

function buckets() {
  if (!limits) {
    const e = env();
    limits = {
      source: new TokenBuckets(e.RATE_LIMIT_SOURCE_PER_SECOND, e.RATE_LIMIT_SOURCE_BURST),
      token: new TokenBuckets(e.RATE_LIMIT_TOKEN_PER_SECOND, e.RATE_LIMIT_TOKEN_BURST),
    };
  }
  return limits;
}

/** For tests: limits other than the configured ones (undefined = from the configuration again). */
export function setRateLimits(l: { source: TokenBuckets; token: TokenBuckets } | undefined): void {
  limits = l;
}

/** Throws 429 with Retry-After (whole seconds, at least 1) when `key` is over its limit. */
export function enforceRateLimit(kind: "source" | "token", key: string): void {
  const wait = buckets()[kind].take(key);
  if (wait > 0) {
    const seconds = Math.max(1, Math.ceil(wait));
    throw new ApiError(
      "rate_limited",
      `Too many requests for this ${kind === "source" ? "source" : "API token"}; retry after ${seconds} s.`,
      { retryAfter: seconds },
      { "Retry-After": String(seconds) },
    );
  }
}
