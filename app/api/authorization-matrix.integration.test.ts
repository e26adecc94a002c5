import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/api-tokens";
import { seal } from "@/lib/crypto/secret-box";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { streamHub } from "@/lib/realtime/stream-hub";
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
  /** Reads the body for showsAcme (default: JSON). */
  read?: (res: Response) => Promise<unknown>;
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
/** A fresh acme agent to change or remove. */
const matrixUser = async (db: TestDb) => {
  const id = `usr_matrix_${++seq}`;
  await db.prisma.user.create({ data: { id, workspaceId: "acme", email: `${id}@acme.test`, name: id, role: "agent" } });
  return id;
};
/** A fresh acme source to rotate (so the shared acme-gen keeps its secret). */
const matrixSource = async (db: TestDb) => {
  const id = `src_matrix_${++seq}`;
  await db.prisma.source.create({ data: { id, workspaceId: "acme", platform: "generic", name: id, secretSealed: seal("whsec_x") } });
  return id;
};
/** The sum of every numeric field named `key`, at any depth. */
const total = (b: unknown, key: string): number =>
  Array.isArray(b)
    ? b.reduce((n: number, x) => n + total(x, key), 0)
    : b && typeof b === "object"
      ? Object.entries(b).reduce((n, [k, v]) => n + (k === key && typeof v === "number" ? v : total(v, key)), 0)
      : 0;
/** The other workspace holds one campaign delivery (m-other, unread); acme's seed has 8 deliveries, one read, one failed. */
// `\b` around the conversation ids: an SSE event id ("<hex epoch>-<seq>", e.g. "9f31a2bc-1") must not pass for one.
const ACME_IDS = /m-(camp|agent|ann)|spring|Spring|ann-|agent-|Alice|Bob|Carol|\bc-[123]\b/;
const mentionsAcme = (b: unknown) => ACME_IDS.test(JSON.stringify(b));
const stats = (path: string, showsAcme: (b: unknown) => boolean): Rule => ({
  // The last 30 days (the default range) hold the whole seed.
  probe: async () => ({ path: `/api/v1/stats/${path}`, params: {} }),
  expect: { anonymous: 401, ...users(200), otherUser: own(), token: 200, readToken: 200, otherToken: own() },
  showsAcme,
});
/** Allowed to the given roles (and read tokens), scoped by workspace for another workspace's callers. */
const readFor = (roles: Partial<Record<"admin" | "manager" | "marketer" | "agent", number>>, other: Outcome = own()) =>
  ({
    anonymous: 401,
    ...users(403),
    ...roles,
    otherUser: other,
    token: 200,
    readToken: 200,
    otherToken: other,
  }) as Record<Principal, Outcome>;
/** The first frames of an SSE response (the replay after Last-Event-ID), then the stream is closed. */
async function readStream(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value);
  }
  await reader.cancel();
  return text;
}
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
  // The message list: the sections that open single messages; each sees only the messages it may (scope in SQL).
  "GET /api/v1/stats/kpis": stats("kpis", (b) => (b as { current: { sent: number } }).current.sent !== 1),
  "GET /api/v1/stats/funnel": stats("funnel", (b) => (b as { steps: { count: number }[] }).steps[0].count !== 1),
  "GET /api/v1/stats/heatmap": stats("heatmap", (b) => total(b, "read") > 0 || total(b, "sent") > 1),
  "GET /api/v1/stats/time-to-read": stats("time-to-read", (b) => (b as { read: number }).read > 0),
  "GET /api/v1/stats/timeseries": stats("timeseries?unit=day", (b) => total(b, "sent") !== 1),
  "GET /api/v1/stats/splits": stats("splits?by=source", (b) => total(b, "sent") !== 1),
  "GET /api/v1/stats/failure-reasons": stats("failure-reasons", (b) => (b as { reasons: unknown[] }).reasons.length > 0),
  // Campaigns are the marketers' (and admins'); managers and agents never see them.
  "GET /api/v1/campaigns": {
    probe: async () => ({ path: "/api/v1/campaigns", params: {} }),
    expect: readFor({ admin: 200, marketer: 200 }),
    showsAcme: mentionsAcme,
  },
  "GET /api/v1/campaigns/{id}": {
    probe: async () => ({ path: "/api/v1/campaigns/spring", params: { id: "spring" } }),
    expect: readFor({ admin: 200, marketer: 200 }, 404),
  },
  "GET /api/v1/compare": {
    probe: async () => ({ path: "/api/v1/compare?items=spring,autumn", params: {} }),
    expect: readFor({ admin: 200, marketer: 200 }),
    // Cohorts are echoed by the ids asked for; acme's shows in counts or in its title.
    showsAcme: (b) => total((b as { cohorts: unknown[] }).cohorts[0], "sent") > 0 || JSON.stringify(b).includes("Spring"),
  },
  // Announcements and members' records are team data: admins and managers (of the team: ann-a is team-a's).
  "GET /api/v1/announcements/{id}": {
    probe: async () => ({ path: "/api/v1/announcements/ann-a", params: { id: "ann-a" } }),
    expect: readFor({ admin: 200, manager: 200 }, 404),
  },
  "GET /api/v1/announcements": {
    probe: async () => ({ path: "/api/v1/announcements", params: {} }),
    expect: readFor({ admin: 200, manager: 200 }),
    showsAcme: mentionsAcme,
  },
  // Nudging is a signed-in manager's or admin's act (no token scope opens it). Acme has no nudge
  // webhook here (cleared before each call: the PUT rule below sets one), so the allowed callers
  // get 409 "not configured" — after the visibility check, which answers 404 to the others.
  "POST /api/v1/announcements/{id}/nudge": {
    probe: async (db) => {
      await db.prisma.workspace.update({ where: { id: "acme" }, data: { nudgeWebhookUrl: null, nudgeWebhookSecretSealed: null } });
      return { path: "/api/v1/announcements/ann-a/nudge", params: { id: "ann-a" }, init: json({ hours: 0.5 }) };
    },
    expect: {
      anonymous: 401,
      admin: 409,
      manager: 409,
      marketer: 403,
      agent: 403,
      otherUser: 404,
      token: 403,
      readToken: 403,
      otherToken: 403,
    },
  },
  "GET /api/v1/members/{id}/acknowledgements": {
    probe: async () => ({ path: "/api/v1/members/agent-1/acknowledgements?from=2000-01-01", params: { id: "agent-1" } }),
    expect: readFor({ admin: 200, manager: 200 }),
    showsAcme: (b) => (b as { name: string | null }).name !== null || total(b, "announcements") > 0,
  },
  // Support: admins, managers (their teams' agents) and agents (their own answers); not marketers.
  "GET /api/v1/support/follow-ups": {
    probe: async () => ({ path: "/api/v1/support/follow-ups?hours=0.5", params: {} }),
    expect: readFor({ admin: 200, manager: 200, agent: 200 }),
    showsAcme: (b) => (b as { followUps: unknown[] }).followUps.length > 0,
  },
  "GET /api/v1/support/response-times": {
    probe: async () => ({ path: "/api/v1/support/response-times?from=2000-01-01", params: {} }),
    expect: readFor({ admin: 200, manager: 200, agent: 200 }),
    showsAcme: (b) => total(b, "count") > 0 || mentionsAcme(b),
  },
  // Per-delivery lists and live updates: every role, narrowed to what it may see (scope tests in v1/role-scope).
  "GET /api/v1/deliveries": {
    probe: async () => ({ path: "/api/v1/deliveries?from=2000-01-01", params: {} }),
    expect: readFor({ ...users(200) }),
    showsAcme: mentionsAcme,
  },
  // The Overview's feeds: every role, narrowed to what it may see.
  "GET /api/v1/activity": {
    probe: async () => ({ path: "/api/v1/activity", params: {} }),
    expect: readFor({ ...users(200) }),
    showsAcme: mentionsAcme,
  },
  "GET /api/v1/messages": {
    probe: async () => ({ path: "/api/v1/messages?from=2000-01-01", params: {} }),
    expect: readFor({ ...users(200) }),
    showsAcme: mentionsAcme,
  },
  "GET /api/v1/stream": {
    // Resuming from the start replays every buffered notice the caller may see (the seed's included).
    probe: async () => ({ path: `/api/v1/stream?lastEventId=${streamHub().epoch}-0`, params: {} }),
    expect: readFor({ ...users(200) }),
    read: readStream,
    showsAcme: mentionsAcme,
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
  // User management: signed-in admins only (no token scope opens it); another workspace's admin
  // manages its own users and gets 404 for acme's user ids.
  "GET /api/admin/users": {
    probe: async () => ({ path: "/api/admin/users", params: {} }),
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
    showsAcme: (b) => JSON.stringify(b).includes("acme.test"),
  },
  "POST /api/admin/users": {
    probe: async () => ({
      path: "/api/admin/users",
      params: {},
      init: json({ email: `matrix-${++seq}@example.test`, name: "Matrix", role: "agent", password: "a-long-enough-password" }),
    }),
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
  "PATCH /api/admin/users/{id}": {
    probe: async (db) => {
      const id = await matrixUser(db);
      return { path: `/api/admin/users/${id}`, params: { id }, init: json({ role: "marketer" }, "PATCH") };
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
  "DELETE /api/admin/users/{id}": {
    probe: async (db) => {
      const id = await matrixUser(db);
      return { path: `/api/admin/users/${id}`, params: { id }, init: { method: "DELETE" } };
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
  // Source administration: admins, by session or by a token with the admin scope; another
  // workspace's admin manages its own sources and gets 404 for acme's.
  "GET /api/admin/sources": {
    probe: async () => ({ path: "/api/admin/sources", params: {} }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: (b) => JSON.stringify(b).includes("acme-gen"),
  },
  "POST /api/admin/sources": {
    probe: async () => ({ path: "/api/admin/sources", params: {}, init: json({ platform: "generic", name: `matrix-${++seq}` }) }),
    expect: { ...adminOnly, admin: 201, otherUser: own(201) },
    showsAcme: () => false,
  },
  "GET /api/admin/sources/{id}": {
    probe: async () => ({ path: "/api/admin/sources/acme-gen", params: { id: "acme-gen" } }),
    expect: { ...adminOnly, otherUser: 404 },
  },
  "PATCH /api/admin/sources/{id}": {
    probe: async () => ({ path: "/api/admin/sources/acme-gen", params: { id: "acme-gen" }, init: json({ name: "Generic" }, "PATCH") }),
    expect: { ...adminOnly, otherUser: 404 },
  },
  "POST /api/admin/sources/{id}/rotate-secret": {
    probe: async (db) => {
      const id = await matrixSource(db);
      return { path: `/api/admin/sources/${id}/rotate-secret`, params: { id }, init: json({ graceHours: 1 }) };
    },
    expect: { ...adminOnly, otherUser: 404 },
  },
  "POST /api/admin/sources/{id}/replay": {
    probe: async () => ({ path: "/api/admin/sources/acme-gen/replay", params: { id: "acme-gen" }, init: json({}) }),
    expect: { ...adminOnly, otherUser: 404 },
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
  "GET /api/v1/admin/nudge-webhook": {
    probe: async () => ({ path: "/api/v1/admin/nudge-webhook", params: {} }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false, // the same shape for every workspace; acme's URL is not reachable by id
  },
  "PUT /api/v1/admin/nudge-webhook": {
    probe: async () => ({
      path: "/api/v1/admin/nudge-webhook",
      params: {},
      init: json({ url: "https://hooks.example.test/nudge" }, "PUT"),
    }),
    expect: { ...adminOnly, otherUser: own() },
    showsAcme: () => false,
  },
  "DELETE /api/v1/admin/nudge-webhook": {
    probe: async () => ({ path: "/api/v1/admin/nudge-webhook", params: {}, init: { method: "DELETE" } }),
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
    streamHub(); // subscribed before the seed is ingested, so its notices are in the replay buffer
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
        const read = rule.read ?? ((r: Response) => r.json());
        if (typeof outcome === "object" && res.status === outcome.status)
          expect(rule.showsAcme!(await read(res)), `${who} must not see acme's data through ${key}`).toBe(false);
        // The control: acme's own read token does see acme's data there, so the check above can fail.
        else if (who === "readToken" && rule.showsAcme && res.status === 200)
          expect(rule.showsAcme(await read(res)), `showsAcme of ${key} must recognise acme's data`).toBe(true);
        else if (res.body && !res.bodyUsed) await res.body.cancel(); // an SSE stream would stay open
      }
      expect(got).toEqual(want);
    });
  }
});
