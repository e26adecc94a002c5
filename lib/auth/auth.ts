import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { deriveKey } from "../crypto/secret-box";
import { trustedOrigins } from "./csrf";
import { getDb, type Db } from "../db/client";
import { env } from "../env";

// Sign-in is better-auth (see README, Design): email + password (scrypt), sessions stored in the
// database behind an httpOnly SameSite=Lax cookie, origin-checked mutations, per-IP rate limits.
// Self sign-up is off: users come from the provision file or an admin.

/** Idle timeout: a session ends after this long without use; each use (at most hourly) extends it. */
export const SESSION_SECONDS = 12 * 60 * 60;
export const SESSION_UPDATE_SECONDS = 60 * 60;
export const COOKIE_PREFIX = "receipts";

export function createAuth(db: Db) {
  const e = env();
  return betterAuth({
    appName: "Receipts",
    database: prismaAdapter(db.prisma, { provider: "postgresql" }),
    secret: deriveKey("session-cookies"),
    baseURL: e.PUBLIC_BASE_URL,
    basePath: "/api/auth",
    // Same-origin only: the app's public URL and the origin the browser addressed.
    trustedOrigins: async (req?: Request) => (req ? trustedOrigins(req) : e.PUBLIC_BASE_URL ? [new URL(e.PUBLIC_BASE_URL).origin] : []),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_UPDATE_SECONDS, cookieCache: { enabled: false } },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        workspaceId: { type: "string", required: true, input: false },
      },
    },
    // Per-IP limits (the per-account limit is lib/auth/login-limiter.ts). Explicitly on: the
    // library's default is to rate-limit only in production builds.
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: env().RATE_LIMIT_SIGN_IN_PER_MINUTE } },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // The library skips the origin (CSRF) check under NODE_ENV=test; our tests must see the real thing.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Db, Auth>();

/** The auth instance of the process database. */
export async function getAuth(db?: Db): Promise<Auth> {
  const d = db ?? (await getDb());
  let a = instances.get(d);
  if (!a) instances.set(d, (a = createAuth(d)));
  return a;
}
