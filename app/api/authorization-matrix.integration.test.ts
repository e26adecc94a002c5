import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/api-tokens";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { OTHER_TOKEN, PEOPLE, provisionFixtures, TOKEN } from "@/lib/testing/fixtures";
import { seedScopeData } from "@/lib/testing/scope-data";
import { ORIGIN, signIn } from "@/lib/testing/session";
import { forgetSource } from "@/lib/webhooks/sources";

// Every API route × every kind of caller → allowed or denied. The route list comes from the file
// system, so a new route (or method) without a rule here fails this test.

const PRINCIPALS = ["anonymous", "admin", "manager", "marketer", "agent", "otherUser", "token", "readToken", "otherToken"] as const;
type Principal = (typeof PRINCIPALS)[number];
type Outcome = number | { status: number; own: true }; // own: allowed, but sees only its own workspace (no acme data)

interface Rule {
  /** Path to call (acme's resources) and how. */
  probe: (db: TestDb) => Promise<{ path: string; params: Record<string, string>; init?: RequestInit; fresh?: boolean }>;
  expect: Record<Principal, Outcome>;
  /** True when the body shows acme's data (for `own` outcomes). */
  showsAcme?: (body: unknown) => boolean;
}

const all = (status: number) => Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, Outcome>;
const users = (status: number) => ({ admin: status, manager: status, marketer: status, agent: status });
const own = (status = 200) => ({ status, own: true }) as const;
const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
let seq = 0;
const adminOnly = {
  anonymous: 401,
  admin: 200,
  manager: 403,
  marketer: 403,
  agent: 403,
  otherUser: 200,
  token: 403,
  readToken: 403,
  otherToken: 403,
} as Record<Principal, Outcome>;

const RULES: Record<string, Rule> = {
  "GET /api/ping": { probe: async () => ({ path: "/api/ping", params: {} }), expect: all(200) },
  "POST /api/ping": { probe: async () => ({ path: "/api/ping", params: {}, init: { method: "POST", body: "{}" } }), expect: all(200) },
  "GET /api/openapi.json": { probe: async () => ({ path: "/api/openapi.json", params: {} }), expect: all(200) },
  // Webhooks are authenticated by the source's signature only: no cookie or token opens them.
  "POST /api/webhooks/{sourceId}": {
    probe: async () => ({ path: "/api/webhooks/acme-gen", params: { sourceId: "acme-gen" }, init: json({ type: "message.read" }) }),
    expect: all(401),
  },
  // WhatsApp's handshake answers the source's verify token only; a generic source has none.
  "GET /api/webhooks/{sourceId}": {
    probe: async () => ({
      path: "/api/webhooks/acme-gen?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1",
      params: { sourceId: "acme-gen" },
    }),
    expect: all(404),
  },
  // Ingestion health is the admin's (and read tokens'); another workspace's source is not found.
  "GET /api/v1/sources/{id}/health": {
    probe: async () => ({ path: "/api/v1/sources/acme-gen/health", params: { id: "acme-gen" } }),
    expect: {
      anonymous: 401,
      admin: 200,
      ...{ manager: 403, marketer: 403, agent: 403 },
      otherUser: 404,
      token: 200,
      readToken: 200,
      otherToken: 404,
    },
  },
  "POST /api/v1/events": {
    probe: async () => ({
      path: "/api/v1/events?source=acme-gen",
      params: {},
      init: json([{ type: "message.read", id: `mx-${++seq}`, occurredAt: new Date().toISOString(), messageId: "m-x", recipientId: "r" }]),
    }),
    expect: { anonymous: 401, ...users(403), otherUser: 403, token: 200, readToken: 403, otherToken: 404 },
  },
  "GET /api/v1/stats/overview": {
    probe: async () => ({ path: "/api/v1/stats/overview?from=2000-01-01", params: {} }),
    expect: { anonymous: 401, ...users(200), otherUser: own(), token: 200, readToken: 200, otherToken: own() },
    showsAcme: (b) => (b as { sent: number }).sent !== 1,
  },
  "GET /api/v1/messages/{id}": {
    // agent-3 (team-b) sent it: the admin and tokens see it; the team-a manager, the marketer and agent-1 do not.
    probe: async () => ({ path: "/api/v1/messages/m-agent3", params: { id: "m-agent3" } }),
    expect: {
      anonymous: 401,
      admin: 200,
      manager: 404,
      marketer: 404,
      agent: 404,
      otherUser: 404,
      token: 200,
      readToken: 200,
      otherToken: 404,
    },
  },
  "GET /api/auth/{all}": {
    probe: async () => ({ path: "/api/auth/get-session", params: { all: "get-session" } }),
    expect: all(200), // answers null without a session
  },
  "POST /api/auth/{all}": {
    probe: async () => ({ path: "/api/auth/revoke-sessions", params: { all: "revoke-sessions" }, init: json({}), fresh: true }),
    expect: { anonymous: 401, ...users(200), otherUser: 200, token: 401, readToken: 401, otherToken: 401 },
  },
  "GET /api/admin/tokens": {
    probe: async () => ({ path: "/api/admin/tokens", params: {} }),
    expect: {
      anonymous: 401,
      admin: 200,
      manager: 403,
      marketer: 403,
      agent: 403,
      otherUser: own(),
      token: 403,
      readToken: 403,
      otherToken: 403,
    },
    showsAcme: (b) => JSON.stringify(b).includes("tok_acme"),
  },
  "POST /api/admin/tokens": {
    probe: async () => ({ path: "/api/admin/tokens", params: {}, init: json({ name: `matrix-${++seq}`, scopes: ["read"] }) }),
    expect: {
      anonymous: 401,
      admin: 201,
      manager: 403,
      marketer: 403,
      agent: 403,
      otherUser: own(201),
      token: 403,
      readToken: 403,
      otherToken: 403,
    },
    showsAcme: () => false,
  },
  "DELETE /api/admin/tokens/{id}": {
    probe: async (db) => {
      const id = `tok_matrix_${++seq}`;
      await db.prisma.apiToken.create({ data: { id, workspaceId: "acme", name: id, tokenHash: hashToken(id), scopes: ["read"] } });
      return { path: `/api/admin/tokens/${id}`, params: { id }, init: { method: "DELETE" } };
    },
    expect: {
      anonymous: 401,
      admin: 200,
      manager: 403,
      marketer: 403,
      agent: 403,
      otherUser: 404,
      token: 403,
      readToken: 403,
      otherToken: 403,
    },
  },
  // Privacy administration: admins, by session or by a token with the admin scope (not in this
  // matrix's principals: `token` and `readToken` hold ingest/read only).
  "GET /api/v1/admin/audit": {
    probe: async () => ({ path: "/api/v1/admin/audit", params: {} }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: (b) => JSON.stringify(b).includes("acme"),
  },
  "GET /api/v1/admin/privacy": {
    probe: async () => ({ path: "/api/v1/admin/privacy", params: {} }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false, // the same settings shape for every workspace; acme's are not reachable by id
  },
  "PATCH /api/v1/admin/privacy": {
    probe: async () => ({ path: "/api/v1/admin/privacy", params: {}, init: json({ retentionDays: 400 }, "PATCH") }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false,
  },
  "POST /api/v1/admin/erasure": {
    probe: async () => ({ path: "/api/v1/admin/erasure", params: {}, init: json({ recipientId: "nobody-at-all" }) }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false,
  },
  "POST /api/v1/admin/retention": {
    probe: async () => ({ path: "/api/v1/admin/retention", params: {}, init: { method: "POST" } }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false,
  },
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function apiRoutes(): { key: string; file: string; method: (typeof METHODS)[number] }[] {
  const root = path.join(process.cwd(), "app");
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name === "route.ts" ? [path.join(dir, d.name)] : []));
  return walk(root).flatMap((file) => {
    const route = "/" + path.relative(root, path.dirname(file)).replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
    const source = fs.readFileSync(file, "utf8");
    return [...source.matchAll(/export (?:async function|const|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => ({
      key: `${m[1]} ${route}`,
      file,
      method: m[1] as (typeof METHODS)[number],
    }));
  });
}

describe("the authorization matrix", () => {
  it("has a rule for every API route and method, and no rule for a route that is gone", () => {
    const keys = apiRoutes().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(8);
    expect(
      keys.filter((k) => !RULES[k]),
      "routes without an authorization rule",
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((k) => !keys.includes(k)),
      "rules for routes that do not exist",
    ).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)("every API route with every caller on %s", (kind) => {
  let db: TestDb;
  const cookies: Partial<Record<Principal, string>> = {};
  const emailOf: Partial<Record<Principal, string>> = { ...PEOPLE, otherUser: PEOPLE.otherAdmin };
  const bearerOf: Partial<Record<Principal, string>> = { token: TOKEN, readToken: "rk_test_token_acme_read", otherToken: OTHER_TOKEN };

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
    for (const p of PRINCIPALS) if (emailOf[p]) cookies[p] = await signIn(emailOf[p]!);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  for (const { key, file, method } of apiRoutes()) {
    it(`${key}`, async () => {
      const rule = RULES[key];
      expect(rule, `no authorization rule for ${key}`).toBeDefined();
      const mod = (await import(/* @vite-ignore */ file)) as Record<
        string,
        (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
      >;
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of PRINCIPALS) {
        const probe = await rule.probe(db);
        const headers = new Headers(probe.init?.headers);
        if (bearerOf[who]) headers.set("authorization", `Bearer ${bearerOf[who]}`);
        if (emailOf[who]) {
          headers.set("cookie", probe.fresh ? await signIn(emailOf[who]!) : cookies[who]!);
          headers.set("origin", ORIGIN);
        }
        const res = await mod[method](new Request(`${ORIGIN}${probe.path}`, { method, ...probe.init, headers }), {
          params: Promise.resolve(probe.params),
        });
        if (probe.fresh && emailOf[who]) cookies[who] = await signIn(emailOf[who]!); // the probe may have ended its sessions
        const outcome = rule.expect[who];
        got[who] = res.status;
        want[who] = typeof outcome === "number" ? outcome : outcome.status;
        if (typeof outcome === "object" && res.status === outcome.status)
          expect(rule.showsAcme!(await res.json()), `${who} must not see acme's data through ${key}`).toBe(false);
      }
      expect(got).toEqual(want);
    });
  }
});
