import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listGET } from "./route";
import { POST as nudgePOST } from "./[id]/nudge/route";
import { GET as rosterGET } from "./[id]/route";
import { DELETE as webhookDELETE, GET as webhookGET, PUT as webhookPUT } from "../admin/nudge-webhook/route";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { PEOPLE, provisionFixtures } from "@/lib/testing/fixtures";
import { ingest } from "@/lib/testing/ingest";
import { seedScopeData } from "@/lib/testing/scope-data";
import { signIn, withCookie } from "@/lib/testing/session";

// The announcements list, the nudge webhook settings and "Nudge overdue" end to end: a local
// receiver checks the Standard Webhooks signature with the library and records what it got.

type Who = keyof typeof PEOPLE;
const none = { params: Promise.resolve({}) };
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

// ann-due (team-a), sent 2 h ago, due 1 h ago: agent-1 read in time, agent-3 read late, agent-2
// and agent-4 (not on a roster) have not read it. Overdue = agent-2, agent-3, agent-4; still to
// nudge = agent-2 and agent-4.
async function seedDue(db: TestDb) {
  const sent = (r: string) => ({
    type: "message.sent",
    id: `s-due-${r}`,
    occurredAt: ago(120),
    message: { id: "m-due", kind: "announcement", senderId: "hr-1", announcementId: "ann-due", title: "Security training" },
    recipientId: r,
  });
  const read = (r: string, minutes: number) => ({
    type: "message.read",
    id: `r-due-${r}`,
    occurredAt: ago(minutes),
    messageId: "m-due",
    recipientId: r,
  });
  await ingest(db, "acme", [sent("agent-1"), sent("agent-2"), sent("agent-3"), sent("agent-4"), read("agent-1", 100), read("agent-3", 10)]);
  await db.prisma.announcement.update({
    where: { workspaceId_id: { workspaceId: "acme", id: "ann-due" } },
    data: { teamId: "team-a", dueAt: new Date(ago(60)) },
  });
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: unknown;
}

/** A nudge receiver: verifies the signature with the secret it is given and answers `status`. */
function receiver() {
  const got: Received[] = [];
  let secret = "";
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let verified: unknown = null;
      try {
        verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
      } catch {
        verified = null;
      }
      got.push({ headers: req.headers, body, verified });
      res.writeHead(status).end();
    });
  });
  return {
    got,
    server,
    setSecret: (s: string) => (secret = s),
    setStatus: (s: number) => (status = s),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/nudge`,
  };
}

describe.each(DATABASE_KINDS)("announcements and nudges on %s", (kind) => {
  let db: TestDb;
  const cookie = {} as Record<Who, string>;
  const rx = receiver();

  const list = async (who: Who, qs = "") => {
    const res = await listGET(withCookie(`/api/v1/announcements${qs}`, cookie[who]), none);
    expect(res.status, who).toBe(200);
    return ((await res.json()) as { announcements: Record<string, unknown>[] }).announcements;
  };
  const nudge = (who: Who, id: string, body: object = {}) =>
    nudgePOST(
      withCookie(`/api/v1/announcements/${id}/nudge`, cookie[who], {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      {
        params: Promise.resolve({ id }),
      },
    );
  const configure = async (url: string) => {
    const res = await webhookPUT(
      withCookie("/api/v1/admin/nudge-webhook", cookie.admin, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url }),
      }),
      none,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { url: string; hasSecret: boolean; secret?: string };
  };
  const audits = () =>
    db.prisma.auditEntry.findMany({ where: { workspaceId: "acme", action: "announcement.nudged" }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    await new Promise<void>((r) => rx.server.listen(0, "127.0.0.1", r));
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
    await seedDue(db);
    for (const who of Object.keys(PEOPLE) as Who[]) cookie[who] = await signIn(PEOPLE[who]);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
    await new Promise((r) => rx.server.close(r));
  });
  beforeEach(() => {
    rx.got.length = 0;
    rx.setStatus(200);
  });

  it("lists announcements per member: acknowledged, rate and overdue; a manager sees only their teams'", async () => {
    const admin = await list("admin");
    expect(admin.map((a) => a.id).sort()).toEqual(["ann-a", "ann-b", "ann-due"]);
    expect(admin.find((a) => a.id === "ann-due")).toMatchObject({
      title: "Security training",
      team: { id: "team-a", name: "Team A" },
      targeted: 4,
      acknowledged: 2,
      rate: 0.5,
      overdue: 3, // agent-3 read, but after the due time
    });
    // No due time: nobody is overdue, unless `hours` after the send says so (sent 1 h ago, unread).
    expect(admin.find((a) => a.id === "ann-a")).toMatchObject({ targeted: 2, acknowledged: 0, rate: 0, overdue: 0 });
    expect((await list("admin", "?hours=0.5")).find((a) => a.id === "ann-a")).toMatchObject({ overdue: 2 });
    expect((await list("admin", "?hours=2")).find((a) => a.id === "ann-a")).toMatchObject({ overdue: 0 });

    expect((await list("manager")).map((a) => a.id).sort()).toEqual(["ann-a", "ann-due"]);
    expect(await list("otherAdmin")).toEqual([]);
    // A range that ends before anything was sent lists nothing.
    expect(await list("admin", "?from=2000-01-01&to=2000-01-02")).toEqual([]);
  });

  it("the roster sorts as asked, and its CSV has the same rows in the same order (audited as an export)", async () => {
    const get = (qs: string) =>
      rosterGET(withCookie(`/api/v1/announcements/ann-due${qs}`, cookie.manager), { params: Promise.resolve({ id: "ann-due" }) });
    const json = (await (await get("?sort=timeToRead&order=asc")).json()) as { members: { recipientId: string }[] };
    // agent-1 read after 20 min, agent-3 after 110 min; the unread sort last.
    expect(json.members.map((m) => m.recipientId)).toEqual(["agent-1", "agent-3", "agent-2", "agent-4"]);
    const desc = (await (await get("?sort=timeToRead&order=desc")).json()) as { members: { recipientId: string }[] };
    expect(desc.members.map((m) => m.recipientId)).toEqual(["agent-3", "agent-1", "agent-2", "agent-4"]);
    const csv = await get("?sort=timeToRead&order=desc&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("recipientId,name,status,acknowledged,readAt,timeToReadSeconds,overdue");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["agent-3", "agent-1", "agent-2", "agent-4"]);
    // Alice read in time (not overdue), Carol read late (overdue).
    expect(lines[2]).toMatch(/^agent-1,Alice,read,true,[^,]+,\d+(\.\d+)?,false$/);
    expect(lines[1]).toMatch(/^agent-3,Carol,read,true,.*,true$/);
    const exports = await db.prisma.auditEntry.count({
      where: { workspaceId: "acme", action: "export.csv", target: "announcement:ann-due" },
    });
    expect(exports).toBe(1);
  });

  it("without a nudge webhook, says so and where an admin sets it (409), and sends nothing", async () => {
    const res = await nudge("manager", "ann-due");
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_configured");
    expect(body.error.message).toContain("/settings/nudge");
    expect(rx.got).toHaveLength(0);
  });

  it("an admin sets the webhook: the signing secret is shown once and stored sealed", async () => {
    const first = await configure(rx.url());
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    rx.setSecret(first.secret!);
    const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { id: "acme" } });
    expect(ws.nudgeWebhookSecretSealed).toBeTruthy();
    expect(ws.nudgeWebhookSecretSealed).not.toContain(first.secret!.slice(6));
    // Changing the URL keeps the secret and does not show it again.
    const again = await configure(rx.url());
    expect(again).toEqual({ url: rx.url(), hasSecret: true });
    const read = await webhookGET(withCookie("/api/v1/admin/nudge-webhook", cookie.admin), none);
    expect(await read.json()).toEqual({ url: rx.url(), hasSecret: true });
    // A manager may not read or change it.
    expect((await webhookGET(withCookie("/api/v1/admin/nudge-webhook", cookie.manager), none)).status).toBe(403);
  });

  it("a manager nudges exactly the overdue members who still have not acknowledged, signed, and it is audited", async () => {
    const before = (await audits()).length;
    const res = await nudge("manager", "ann-due");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sent: 2, status: 200 });
    expect(rx.got).toHaveLength(1);
    const [hit] = rx.got;
    expect(hit.verified, "signature verifies with the workspace's secret").not.toBeNull();
    expect(hit.headers["webhook-id"]).toMatch(/^msg_/);
    expect(hit.headers["webhook-timestamp"]).toMatch(/^\d+$/);
    expect(hit.headers["webhook-signature"]).toMatch(/^v1,/);
    const payload = JSON.parse(hit.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: "announcement.nudge", announcementId: "ann-due", title: "Security training" });
    expect(payload.overdue).toEqual([
      { recipientId: "agent-2", name: "Bob" },
      { recipientId: "agent-4", name: null },
    ]);
    // A signature made with another secret does not verify: the check above can fail.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24, 1).toString("base64")}`).verify(hit.body, hit.headers as Record<string, string>),
    ).toThrow();
    const entries = await audits();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actorType: "user", target: "announcement:ann-due" });
    expect(entries.at(-1)!.details).toMatchObject({ overdue: 2, status: 200, delivered: true });
    expect(JSON.stringify(entries.at(-1)!.details)).not.toContain("agent-");
  });

  it("a manager of another team gets 404 and nothing is sent; roles without announcements get 403", async () => {
    const res = await nudge("manager", "ann-b");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Team B");
    expect((await nudge("marketer", "ann-due")).status).toBe(403);
    expect((await nudge("agent", "ann-due")).status).toBe(403);
    expect((await nudge("otherAdmin", "ann-due")).status).toBe(404);
    expect(rx.got).toHaveLength(0);
  });

  it("nobody overdue yet, or no due time given: 400 in plain words, nothing sent", async () => {
    const noDue = await nudge("admin", "ann-a");
    expect(noDue.status).toBe(400);
    expect(((await noDue.json()) as { error: { message: string } }).error.message).toContain("hours");
    const notYet = await nudge("admin", "ann-a", { hours: 5 });
    expect(notYet.status).toBe(400);
    expect(((await notYet.json()) as { error: { message: string } }).error.message).toContain("not passed");
    expect(rx.got).toHaveLength(0);
    // With `hours` passed, ann-a's two unread members are overdue.
    const ok = await nudge("admin", "ann-a", { hours: 0.5 });
    expect(ok.status).toBe(200);
    expect((JSON.parse(rx.got[0].body) as { overdue: { recipientId: string }[] }).overdue.map((m) => m.recipientId)).toEqual([
      "agent-1",
      "agent-2",
    ]);
  });

  it("the receiver failing answers 502 with its status; unreachable answers 502; both are audited", async () => {
    rx.setStatus(500);
    const failed = await nudge("manager", "ann-due");
    expect(failed.status).toBe(502);
    const body = (await failed.json()) as { error: { code: string; message: string; receiverStatus: number } };
    expect(body.error).toMatchObject({ code: "bad_gateway", receiverStatus: 500 });
    expect(body.error.message).toContain("HTTP 500");
    expect((await audits()).at(-1)!.details).toMatchObject({ status: 500, delivered: false });

    // A port nobody listens on.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await configure(`http://127.0.0.1:${port}/gone`);
    const down = await nudge("manager", "ann-due");
    expect(down.status).toBe(502);
    expect(((await down.json()) as { error: { message: string } }).error.message).toContain("could not be reached");
    expect((await audits()).at(-1)!.details).toMatchObject({ status: 0, delivered: false });

    // Removed: back to "not configured".
    expect((await webhookDELETE(withCookie("/api/v1/admin/nudge-webhook", cookie.admin, { method: "DELETE" }), none)).status).toBe(200);
    expect((await nudge("manager", "ann-due")).status).toBe(409);
  });
});
