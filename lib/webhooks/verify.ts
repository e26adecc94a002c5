import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "../api/errors";

// Signature helpers shared by the platform adapters. Every comparison is constant-time, and
// every adapter accepts any of the source's secrets (current, and the previous one during a
// rotation's grace period).

export function hmac(algorithm: "sha1" | "sha256", key: string | Buffer, data: string | Buffer, encoding: "hex" | "base64"): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Constant-time equality of two strings (different lengths are simply unequal). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message);
}

/** Accepts when `expected(secret)` equals the presented signature for any configured secret. */
export function requireSignature(presented: string | null, header: string, secrets: string[], expected: (secret: string) => string): void {
  if (!presented) throw unauthorized(`The ${header} header is missing.`);
  if (!secrets.length) throw unauthorized("The source has no secret configured.");
  if (!secrets.some((s) => safeEqual(expected(s), presented.trim()))) {
    throw unauthorized(
      `The ${header} signature does not match the source's secret (check the secret, and that the body reached us unchanged).`,
    );
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError("bad_request", message);
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw badRequest(`The body is not valid JSON: ${(err as Error).message}`);
  }
}

/** Fields that can carry message content; removed from what we keep (we never store content). */
const CONTENT_KEYS = new Set(["text", "html", "mml", "body", "Body", "caption", "MsgBody", "CloudCustomData", "message_text"]);

/** A deep copy without message content, for the event log and the replay store. */
export function withoutContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutContent) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        // Sendbird puts a message's text in a string `message` beside `message_id`.
        .filter(([k, v]) => !CONTENT_KEYS.has(k) && !(k === "message" && typeof v === "string" && "message_id" in (value as object)))
        .map(([k, v]) => [k, withoutContent(v)]),
    ) as T;
  }
  return value;
}

/** Unix seconds or milliseconds (number or numeric string) → Date, or null. */
export function fromEpoch(value: unknown, unit: "s" | "ms"): Date | null {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const d = new Date(unit === "s" ? n * 1000 : n);
  return Number.isNaN(d.getTime()) ? null : d;
}
