import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPOST, GET as authGET } from "@/app/api/auth/[...all]/route";
import { GET as listGET, POST as createPOST } from "@/app/api/admin/tokens/route";
import { DELETE as revokeDELETE } from "@/app/api/admin/tokens/[id]/route";
import { GET as overviewGET } from "@/app/api/v1/stats/overview/route";
import { GET as messageGET } from "@/app/api/v1/messages/[id]/route";
import { setDb } from "@/lib/db/client";
import { query } from "@/lib/db/sql";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { PASSWORD, PEOPLE, provisionFixtures, TOKEN } from "@/lib/testing/fixtures";
import { bearer } from "@/lib/testing/http";
import { RECIPIENTS, seedScopeData, VISIBLE } from "@/lib/testing/scope-data";
import { ORIGIN, signIn, signInRequest, withCookie } from "@/lib/testing/session";
import { loginLimiter, MAX_FAILURES } from "./login-limiter";
import { upsertUser } from "./users";
import { scopeForUser } from "@/lib/queries/scope";
import { Where } from "@/lib/queries/where";

const none = { params: Promise.resolve({}) };
const overview = (req: Request) => overviewGET(req, none);
const sentFor = async (cookie: string) =>
  (await (await overview(withCookie("/api/v1/stats/overview?from=2000-01-01", cookie))).json()).sent;

describe.each(DATABASE_KINDS)("sign-in, sessions and tokens on %s", (kind) => {
  let db: TestDb;
  const logs: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    // Everything written to the console or stdout/stderr during these tests is checked for secrets.
    for (const m of ["log", "info", "warn", "error", "debug"] as const) {
      const orig = console[m];
      console[m] = (...a: unknown[]) =>
        void logs.push(
          a.map((x) => (x instanceof Error ? `${x.message} ${x.stack}` : typeof x === "string" ? x : JSON.stringify(x))).join(" "),
        );
      restore.push(() => (console[m] = orig));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const orig = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = orig));
    }
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
    for (const e of Object.values(PEOPLE)) loginLimiter().succeed(e);
  });
  afterAll(async () => {
    restore.forEach((r) => r());
    setDb(undefined);
    await db?.dispose();
  });

  it("stores passwords as salted scrypt hashes, never as given", async () => {
    const rows = await query<{ password: string }>(db.prisma, `SELECT password FROM accounts WHERE provider_id = 'credential'`);
    expect(rows.length).toBe(5);
    for (const r of rows) {
      expect(r.password).not.toContain(PASSWORD);
      expect(r.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // 16-byte salt : 64-byte scrypt key
    }
    expect(new Set(rows.map((r) => r.password)).size).toBe(rows.length); // same password, different salts
    expect((await authPOST(signInRequest(PEOPLE.agent, "wrong-password-1"))).status).toBe(401);
    expect((await authPOST(signInRequest("nobody@acme.test", PASSWORD))).status).toBe(401);
  });

  it("signs in with an httpOnly SameSite cookie and keeps the session token out of every body", async () => {
    const res = await authPOST(signInRequest(PEOPLE.admin, PASSWORD));
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = setCookie.split(";")[0];
    const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
    const body = await res.text();
    expect(body).toContain(PEOPLE.admin);
    expect(body).not.toContain(token);
    const session = await authGET(withCookie("/api/auth/get-session", cookie));
    const sessionBody = await session.text();
    expect(JSON.parse(sessionBody).user.role).toBe("admin");
    expect(sessionBody).not.toContain(token);
    const list = await authGET(withCookie("/api/auth/list-sessions", cookie));
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain(token);
  });

  it("ends sessions that have expired", async () => {
    const cookie = await signIn(PEOPLE.agent);
    expect(await sentFor(cookie)).toBe(RECIPIENTS["m-agent1"]);
    const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await overview(withCookie("/api/v1/stats/overview", cookie));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("refuses cookie-authenticated mutations from another origin or without one (CSRF)", async () => {
    const cookie = await signIn(PEOPLE.admin);
    const body = JSON.stringify({ name: "csrf", scopes: ["read"] });
    const json = { "content-type": "application/json" };
    const post = (headers: Record<string, string>) =>
      createPOST(withCookie("/api/admin/tokens", cookie, { method: "POST", body, headers: { ...json, ...headers } }), none);
    for (const headers of [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "", referer: "https://evil.example/x" },
      { origin: ORIGIN, "sec-fetch-site": "cross-site" },
    ]) {
      const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ""));
      const req = new Request(`${ORIGIN}/api/admin/tokens`, { method: "POST", body, headers: { ...json, cookie, ...h } });
      const res = await createPOST(req, none);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await db.prisma.apiToken.count({ where: { name: "csrf" } })).toBe(0);
    // The library's own endpoints check the origin too.
    const signOut = await authPOST(
      new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: "https://evil.example" } }),
    );
    expect(signOut.status).toBe(403);
    expect((await post({})).status).toBe(201); // same origin is fine
  });

  it("limits failed sign-ins per account with 429 and Retry-After, even from many addresses", async () => {
    const email = PEOPLE.marketer;
    for (let i = 0; i < MAX_FAILURES; i++) expect((await authPOST(signInRequest(email, `wrong-password-${i}`))).status).toBe(401);
    const blocked = await authPOST(signInRequest(email, PASSWORD));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe("rate_limited");
    // Other accounts are unaffected.
    expect((await authPOST(signInRequest(PEOPLE.manager, PASSWORD))).status).toBe(200);
    loginLimiter().succeed(email);
    expect((await authPOST(signInRequest(email, PASSWORD))).status).toBe(200);
  });

  it("signs out everywhere: revoking all sessions ends the other devices' sessions too", async () => {
    const laptop = await signIn(PEOPLE.manager);
    const phone = await signIn(PEOPLE.manager);
    expect((await overview(withCookie("/api/v1/stats/overview", phone))).status).toBe(200);
    const res = await authPOST(
      withCookie("/api/auth/revoke-sessions", laptop, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    );
    expect(res.status).toBe(200);
    for (const c of [laptop, phone]) expect((await overview(withCookie("/api/v1/stats/overview", c))).status).toBe(401);
    const user = await db.prisma.user.findUnique({ where: { email: PEOPLE.manager } });
    expect(await db.prisma.session.count({ where: { userId: user!.id } })).toBe(0);
  });

  it("creates a token shown once, lists it without its value, and revokes it at once", async () => {
    const admin = await signIn(PEOPLE.admin);
    const created = await createPOST(
      withCookie("/api/admin/tokens", admin, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "export", scopes: ["read"] }),
      }),
      none,
    );
    expect(created.status).toBe(201);
    const { token, secret } = await created.json();
    expect(secret).toMatch(/^rk_/);
    expect(token).toMatchObject({ name: "export", scopes: ["read"], lastUsedAt: null, revokedAt: null });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(secret);

    expect((await overview(bearer(`${ORIGIN}/api/v1/stats/overview`, secret))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50)); // last-used is written in the background
    const listed = await (await listGET(withCookie("/api/admin/tokens", admin), none)).text();
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(row.tokenHash);
    expect(listed).not.toContain(TOKEN);
    expect(JSON.parse(listed).tokens.find((t: { id: string }) => t.id === token.id).lastUsedAt).not.toBeNull();

    const revoked = await revokeDELETE(withCookie(`/api/admin/tokens/${token.id}`, admin, { method: "DELETE" }), {
      params: Promise.resolve({ id: token.id }),
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).not.toContain(secret);
    const after = await overview(bearer(`${ORIGIN}/api/v1/stats/overview`, secret));
    expect(after.status).toBe(401);
    // Another workspace's admin cannot revoke (or even see) acme's tokens.
    const other = await signIn(PEOPLE.otherAdmin);
    const ci = await db.prisma.apiToken.findFirstOrThrow({ where: { workspaceId: "acme", name: "ci" } });
    const cross = await revokeDELETE(withCookie(`/api/admin/tokens/${ci.id}`, other, { method: "DELETE" }), {
      params: Promise.resolve({ id: ci.id }),
    });
    expect(cross.status).toBe(404);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: ci.id } })).revokedAt).toBeNull();
  });

  it("scopes data to the role: overview counts and single messages", async () => {
    for (const [who, visible] of Object.entries(VISIBLE)) {
      const cookie = await signIn(PEOPLE[who as keyof typeof PEOPLE]);
      const expected = visible.reduce((n, m) => n + RECIPIENTS[m], 0);
      expect(await sentFor(cookie), who).toBe(who === "otherAdmin" ? 1 : expected);
      for (const m of Object.keys(RECIPIENTS)) {
        const res = await messageGET(withCookie(`/api/v1/messages/${m}`, cookie), { params: Promise.resolve({ id: m }) });
        expect(res.status, `${who} ${m}`).toBe((visible as readonly string[]).includes(m) ? 200 : 404);
      }
    }
  });

  it("limits conversation-level data to conversations holding a visible message", async () => {
    const conversations = async (who: "agent" | "manager" | "marketer" | "admin") => {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: PEOPLE[who] } });
      const scope = await scopeForUser(db, { id: user.id, role: who, workspaceId: "acme" });
      const w = new Where({ workspaceId: "acme" }).inVisibleConversations(scope, "id");
      return (await query<{ id: string }>(db.prisma, `SELECT id FROM conversations WHERE ${w} ORDER BY id`, w.params)).map((r) => r.id);
    };
    expect(await conversations("admin")).toEqual(["c-1", "c-2", "c-3"]);
    expect(await conversations("manager")).toEqual(["c-1", "c-2"]);
    expect(await conversations("agent")).toEqual(["c-1"]);
    expect(await conversations("marketer")).toEqual([]);
  });

  it("re-applies provisioned users without duplicates; a changed password ends that user's sessions", async () => {
    const cookie = await signIn(PEOPLE.agent);
    await provisionFixtures(db, { people: true });
    expect(await db.prisma.user.count()).toBe(5);
    expect(await db.prisma.account.count()).toBe(5);
    expect((await overview(withCookie("/api/v1/stats/overview", cookie))).status).toBe(200); // same password: session kept
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: PEOPLE.agent } });
    await upsertUser(db, "acme", {
      email: PEOPLE.agent,
      name: "Alice Agent",
      role: "agent",
      password: "a-brand-new-password",
      senderIds: ["agent-1"],
    });
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await overview(withCookie("/api/v1/stats/overview", cookie))).status).toBe(401);
    expect((await authPOST(signInRequest(PEOPLE.agent, PASSWORD))).status).toBe(401);
    expect((await authPOST(signInRequest(PEOPLE.agent, "a-brand-new-password"))).status).toBe(200);
    await provisionFixtures(db, { people: true }); // back to the fixture password
  });

  it("never writes passwords, session tokens or API token values to the logs", async () => {
    const sessionTokens = (await db.prisma.session.findMany({ select: { token: true } })).map((s) => s.token);
    const hashes = (await db.prisma.account.findMany({ select: { password: true } })).map((a) => a.password!);
    const text = logs.join("\n");
    for (const secret of [PASSWORD, TOKEN, ...sessionTokens, ...hashes]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/rk_[A-Za-z0-9_-]{20,}/);
  });
});
