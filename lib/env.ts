import path from "node:path";
import { z } from "zod";

// The one place that reads process.env: a bad configuration fails at start with a clear message.
const schema = z.object({
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  PROVISION_FILE: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** 32-byte key (hex or base64) that seals source secrets; generated into DATA_DIR when unset. */
  SECRET_KEY: z.string().optional(),
  // Rate limits (token buckets per process; 0 switches one off). Generous by default: the ingest
  // benchmark drives ~1,000 webhooks/s at one source and must not be throttled.
  /** Webhook requests per second per source, sustained. */
  RATE_LIMIT_SOURCE_PER_SECOND: z.coerce.number().min(0).default(5_000),
  /** Webhook requests per source in a burst. */
  RATE_LIMIT_SOURCE_BURST: z.coerce.number().min(1).default(10_000),
  /** API requests per second per token, sustained. */
  RATE_LIMIT_TOKEN_PER_SECOND: z.coerce.number().min(0).default(1_000),
  /** API requests per token in a burst. */
  RATE_LIMIT_TOKEN_BURST: z.coerce.number().min(1).default(2_000),
  /** Sign-in attempts per minute per IP address (the per-account limit is separate and fixed). */
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  cached = { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
  return cached;
}
