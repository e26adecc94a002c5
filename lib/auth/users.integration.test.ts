import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listGET, POST as createPOST } from "@/app/api/admin/users/route";
import { DELETE as removeDELETE, PATCH as changePATCH } from "@/app/api/admin/users/[id]/route";
import { GET as overviewGET } from "@/app/api/v1/stats/overview/route";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { PASSWORD, PEOPLE, provisionFixtures } from "@/lib/testing/fixtures";
import { RECIPIENTS, seedScopeData } from "@/lib/testing/scope-data";
import { signIn, withCookie } from "@/lib/testing/session";
import { loginLimiter } from "./login-limiter";

const none = { params: Promise.resolve({}) };
const byId = (id: string) => ({ params: Promise.resolve({ id }) });
const NEW_PASSWORD = "a-first-password-for-nia";
const sentFor = async (cookie: string) => {
  const res = await overviewGET(withCookie("/api/v1/stats/overview?from=2000-01-01", cookie), none);
  return res.status === 200 ? (await res.json()).sent : res.status;
};

describe.each(DATABASE_KINDS)("admins manage users on %s", (kind) => {
  let db: TestDb;
  let admin: string;
  let adminId: string;
  /** Every answer body of these routes, checked for password data at the end. */
  const bodies: string[] = [];
  const send = async (res: Promise<Response>) => {
    const r = await res;
    const text = await r.text();
    bodies.push(text);
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const jsonInit = (method: string, body: unknown) => ({
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const create = (cookie: string, body: unknown) => send(createPOST(withCookie("/api/admin/users", cookie, jsonInit("POST", body)), none));
  const change = (cookie: string, id: string, body: unknown) =>
    send(changePATCH(withCookie(`/api/admin/users/${id}`, cookie, jsonInit("PATCH", body)), byId(id)));
  const remove = (cookie: string, id: string) =>
    send(removeDELETE(withCookie(`/api/admin/users/${id}`, cookie, { method: "DELETE" }), byId(id)));
  const list = (cookie: string) => send(listGET(withCookie("/api/admin/users", cookie), none));

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
    for (const e of Object.values(PEOPLE)) loginLimiter().succeed(e);
    admin = await signIn(PEOPLE.admin);
    adminId = (await db.prisma.user.findUniqueOrThrow({ where: { email: PEOPLE.admin } })).id;
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  it("lists the workspace's users with roles, sender ids and managed teams, and only this workspace's", async () => {
    const { status, body } = await list(admin);
    expect(status).toBe(200);
    const emails = body.users.map((u: { email: string }) => u.email);
    expect(emails).toEqual([PEOPLE.admin, PEOPLE.agent, PEOPLE.manager, PEOPLE.marketer].sort());
    const manager = body.users.find((u: { email: string }) => u.email === PEOPLE.manager);
    expect(manager).toMatchObject({ name: "Max Manager", role: "manager", senderIds: ["mgr-1"], manages: ["team-a"] });
    expect(Object.keys(manager).sort()).toEqual(["createdAt", "email", "id", "manages", "name", "role", "senderIds"]);
    const other = await list(await signIn(PEOPLE.otherAdmin));
    expect(other.body.users.map((u: { email: string }) => u.email)).toEqual([PEOPLE.otherAdmin]);
  });

  it("creates a user who can sign in at once, and audits it", async () => {
    const { status, body } = await create(admin, {
      email: "Nia@Acme.test",
      name: "Nia New",
      role: "agent",
      password: NEW_PASSWORD,
      senderIds: ["agent-2"],
    });
    expect(status).toBe(201);
    expect(body.user).toMatchObject({ email: "nia@acme.test", name: "Nia New", role: "agent", senderIds: ["agent-2"], manages: [] });
    const cookie = await signIn("nia@acme.test", NEW_PASSWORD);
    expect(await sentFor(cookie)).toBe(RECIPIENTS["m-agent2"]);
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: "user.created", target: `user:${body.user.id}` } });
    expect(audit).toMatchObject({ workspaceId: "acme", actorType: "user", actorId: adminId });
  });

  it("refuses bad input in plain words: short password, taken email or sender id, unknown team", async () => {
    const base = { name: "X", role: "agent", password: NEW_PASSWORD };
    const cases = [
      { ...base, email: "short@acme.test", password: "too-short" },
      { ...base, email: PEOPLE.otherAdmin }, // emails are unique across workspaces
      { ...base, email: "taken@acme.test", senderIds: ["agent-1"] }, // the agent's sender id
      { ...base, email: "team@acme.test", role: "manager", manages: ["team-z"] },
      { ...base, email: "role@acme.test", role: "owner" },
    ];
    for (const c of cases) {
      const { status, body } = await create(admin, c);
      expect(status, JSON.stringify(c)).toBe(400);
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    expect(
      await db.prisma.user.count({ where: { email: { in: ["short@acme.test", "taken@acme.test", "team@acme.test", "role@acme.test"] } } }),
    ).toBe(0);
  });

  it("changes a role with effect on the person's scope, and audits the change", async () => {
    const { body } = await create(admin, {
      email: "mo@acme.test",
      name: "Mo Moving",
      role: "marketer",
      password: NEW_PASSWORD,
      senderIds: ["agent-3"],
    });
    const id = body.user.id;
    const cookie = await signIn("mo@acme.test", NEW_PASSWORD);
    expect(await sentFor(cookie)).toBe(RECIPIENTS["m-camp"]); // a marketer sees the campaign
    const changed = await change(admin, id, { role: "agent" });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ id, role: "agent", senderIds: ["agent-3"] });
    expect(await sentFor(cookie)).toBe(RECIPIENTS["m-agent3"]); // the same session, now an agent's scope
    const entries = await db.prisma.auditEntry.findMany({ where: { action: "role.changed", target: `user:${id}` } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      workspaceId: "acme",
      actorType: "user",
      actorId: adminId,
      details: { from: "marketer", to: "agent" },
    });

    // Sender ids and managed teams change without a role change (and without a role.changed entry).
    const relinked = await change(admin, id, { senderIds: ["agent-1"] });
    expect(relinked.status).toBe(400); // the agent holds agent-1
    const managed = await change(admin, id, { role: "manager", senderIds: [], manages: ["team-b"] });
    expect(managed.body.user).toMatchObject({ role: "manager", senderIds: [], manages: ["team-b"] });
    expect(await sentFor(cookie)).toBe(RECIPIENTS["m-agent3"] + RECIPIENTS["m-ann-b"]); // team-b's member and announcement
    expect(await db.prisma.auditEntry.count({ where: { action: "role.changed", target: `user:${id}` } })).toBe(2);
    expect((await change(admin, id, { manages: [] })).body.user.manages).toEqual([]);
    expect(await db.prisma.auditEntry.count({ where: { action: "role.changed", target: `user:${id}` } })).toBe(2);
    expect((await change(admin, id, {})).status).toBe(400);
  });

  it("removes a user: their session ends at once, and the removal is audited", async () => {
    const { body } = await create(admin, {
      email: "gone@acme.test",
      name: "Gus Gone",
      role: "agent",
      password: NEW_PASSWORD,
      senderIds: ["g-1"],
    });
    const id = body.user.id;
    const cookie = await signIn("gone@acme.test", NEW_PASSWORD);
    expect(await sentFor(cookie)).toBe(0);
    const removed = await remove(admin, id);
    expect(removed.status).toBe(200);
    expect(removed.body.user).toMatchObject({ id, email: "gone@acme.test" });
    expect(await sentFor(cookie)).toBe(401);
    expect(await db.prisma.user.findUnique({ where: { id } })).toBeNull();
    expect(await db.prisma.session.count({ where: { userId: id } })).toBe(0);
    expect(await db.prisma.userSender.count({ where: { userId: id } })).toBe(0);
    expect(await db.prisma.auditEntry.count({ where: { action: "user.removed", target: `user:${id}`, actorId: adminId } })).toBe(1);
    expect((await remove(admin, id)).status).toBe(404);
    // The sender id is free again.
    expect(
      (await create(admin, { email: "g2@acme.test", name: "G2", role: "agent", password: NEW_PASSWORD, senderIds: ["g-1"] })).status,
    ).toBe(201);
  });

  it("refuses an admin's own demotion or removal, so the workspace keeps an admin", async () => {
    for (const role of ["manager", "marketer", "agent"]) {
      const { status, body } = await change(admin, adminId, { role });
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/own admin role/);
    }
    const self = await remove(admin, adminId);
    expect(self.status).toBe(400);
    expect(self.body.error.message).toMatch(/cannot remove yourself/);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe("admin");
    expect(await sentFor(admin)).toBeGreaterThan(0); // still signed in
    // Changing one's own links is fine.
    expect((await change(admin, adminId, { role: "admin", senderIds: ["adm-1"] })).status).toBe(200);
    expect(await db.prisma.auditEntry.count({ where: { action: "role.changed", target: `user:${adminId}` } })).toBe(0);
  });

  it("gives another workspace's admin 404 for acme's users, and changes nothing", async () => {
    const other = await signIn(PEOPLE.otherAdmin);
    const agent = await db.prisma.user.findUniqueOrThrow({ where: { email: PEOPLE.agent } });
    expect((await change(other, agent.id, { role: "admin" })).status).toBe(404);
    expect((await remove(other, agent.id)).status).toBe(404);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("agent");
    expect((await change(await signIn(PEOPLE.manager), agent.id, { role: "admin" })).status).toBe(403);
  });

  it("never answers with password data", async () => {
    const hashes = (await db.prisma.account.findMany({ select: { password: true } })).map((a) => a.password!).filter(Boolean);
    expect(hashes.length).toBeGreaterThan(5);
    expect(bodies.length).toBeGreaterThan(20);
    for (const text of bodies) {
      for (const secret of [PASSWORD, NEW_PASSWORD, "too-short", ...hashes]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"password"|"hash"/i);
    }
  });
});
