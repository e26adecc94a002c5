import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "./csp";

describe("page CSP", () => {
  it("allows scripts only by this response's nonce, never inline or eval in production", () => {
    const nonce = newNonce();
    const csp = pageCsp(nonce);
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageCsp(nonce, { dev: true })).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
