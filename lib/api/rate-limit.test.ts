import { describe, expect, it } from "vitest";
import { env } from "../env";
import { TokenBuckets } from "./rate-limit";

describe("TokenBuckets", () => {
  it("allows a burst, then the sustained rate, and says how long to wait", () => {
    const b = new TokenBuckets(10, 3);
    const t = 1_000_000;
    expect([b.take("k", t), b.take("k", t), b.take("k", t)]).toEqual([0, 0, 0]);
    expect(b.take("k", t)).toBeCloseTo(0.1); // one token every 100 ms
    expect(b.take("k", t + 100)).toBe(0);
    expect(b.take("k", t + 100)).toBeGreaterThan(0);
    // Keys are independent, and a long pause refills only up to the burst.
    expect(b.take("other", t)).toBe(0);
    expect([0, 1, 2, 3].map(() => b.take("k", t + 60_000))).toEqual([0, 0, 0, expect.any(Number)]);
  });

  it("is switched off by a rate of 0", () => {
    const b = new TokenBuckets(0, 1);
    for (let i = 0; i < 100; i++) expect(b.take("k")).toBe(0);
  });

  it("defaults leave room for the ingest benchmark (~1,000 webhooks/s on one source)", () => {
    const e = env();
    expect(e.RATE_LIMIT_SOURCE_PER_SECOND).toBeGreaterThanOrEqual(2_000);
    const b = new TokenBuckets(e.RATE_LIMIT_SOURCE_PER_SECOND, e.RATE_LIMIT_SOURCE_BURST);
    // 10 s at 1,500 requests/s, evenly spread: never throttled.
    let throttled = 0;
    for (let i = 0; i < 15_000; i++) if (b.take("src", 1_000_000 + (i * 1000) / 1500) > 0) throttled++;
    expect(throttled).toBe(0);
  });
});
