import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as announcementGET } from "./announcements/[id]/route";
import { GET as deliveriesGET } from "./deliveries/route";
import { GET as acknowledgementsGET } from "./members/[id]/acknowledgements/route";
import { GET as failureReasonsGET } from "./stats/failure-reasons/route";
import { GET as followUpsGET } from "./support/follow-ups/route";
import { GET as responseTimesGET } from "./support/response-times/route";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { PEOPLE, provisionFixtures } from "@/lib/testing/fixtures";
import { seedScopeData, VISIBLE } from "@/lib/testing/scope-data";
import { signIn, withCookie } from "@/lib/testing/session";

// What each role sees through the read routes it may call: the rows of the seeded scope data
// (lib/testing/scope-data.ts) that product.md's privacy rules give it, and nothing else.

type Who = keyof typeof PEOPLE;
const none = { params: Promise.resolve({}) };
const sorted = (l: Iterable<string>) => [...new Set(l)].sort();

describe.each(DATABASE_KINDS)("role-scoped read routes on %s", (kind) => {
  let db: TestDb;
  const cookie = {} as Record<Who, string>;

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
    for (const who of Object.keys(PEOPLE) as Who[]) cookie[who] = await signIn(PEOPLE[who]);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  it("deliveries drill-down and CSV list exactly the messages the role may see (a marketer's only campaign deliveries)", async () => {
    // The other workspace's admin sees its own campaign, nothing of acme's.
    const expected = { ...VISIBLE, otherAdmin: ["m-other"] };
    for (const who of Object.keys(VISIBLE) as Who[]) {
      const url = "/api/v1/deliveries?from=2000-01-01";
      const json = await deliveriesGET(withCookie(url, cookie[who]), none);
      expect(json.status, who).toBe(200);
      const list = (await json.json()) as { deliveries: { messageId: string; kind: string }[] };
      expect(sorted(list.deliveries.map((d) => d.messageId)), who).toEqual(sorted(expected[who]));
      const csv = await deliveriesGET(withCookie(`${url}&format=csv`, cookie[who]), none);
      expect(csv.status, who).toBe(200);
      const rows = parse(await csv.text(), { columns: true }) as { messageId: string }[];
      expect(sorted(rows.map((r) => r.messageId)), `${who} (CSV)`).toEqual(sorted(expected[who]));
    }
  });

  it("announcement rosters: a manager sees their team's, not another team's (not even its title)", async () => {
    const get = (who: Who, id: string) =>
      announcementGET(withCookie(`/api/v1/announcements/${id}`, cookie[who]), { params: Promise.resolve({ id }) });
    const mine = await get("manager", "ann-a");
    expect(mine.status).toBe(200);
    const roster = (await mine.json()) as { title: string; members: { recipientId: string; name: string }[] };
    expect(roster.title).toBe("Team A news");
    expect(roster.members.map((m) => [m.recipientId, m.name])).toEqual([
      ["agent-1", "Alice"],
      ["agent-2", "Bob"],
    ]);
    const theirs = await get("manager", "ann-b");
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain("Team B");
    expect((await get("admin", "ann-b")).status).toBe(200);
    expect((await get("otherAdmin", "ann-a")).status).toBe(404);
  });

  it("member acknowledgements: a manager sees their teams' members only", async () => {
    const get = (who: Who, id: string) =>
      acknowledgementsGET(withCookie(`/api/v1/members/${id}/acknowledgements?from=2000-01-01`, cookie[who]), {
        params: Promise.resolve({ id }),
      });
    const alice = await get("manager", "agent-1");
    expect(alice.status).toBe(200);
    expect(await alice.json()).toMatchObject({ name: "Alice", announcements: 1, history: [{ announcementId: "ann-a" }] });
    const carol = await get("manager", "agent-3");
    expect(carol.status).toBe(404);
    expect(await carol.text()).not.toContain("Carol");
    expect(await (await get("admin", "agent-3")).json()).toMatchObject({ name: "Carol", history: [{ announcementId: "ann-b" }] });
    expect(await (await get("otherAdmin", "agent-3")).json()).toMatchObject({ name: null, announcements: 0 });
  });

  it("unread follow-ups: the agent's own answers, the manager's team's, all for the admin", async () => {
    const follow = async (who: Who) => {
      const res = await followUpsGET(withCookie("/api/v1/support/follow-ups?hours=0.5", cookie[who]), none);
      expect(res.status, who).toBe(200);
      return sorted(((await res.json()) as { followUps: { messageId: string }[] }).followUps.map((f) => f.messageId));
    };
    expect(await follow("agent")).toEqual(["m-agent1"]);
    expect(await follow("manager")).toEqual(["m-agent1", "m-agent2"]);
    expect(await follow("admin")).toEqual(["m-agent1", "m-agent2", "m-agent3"]);
    expect(await follow("otherAdmin")).toEqual([]);
  });

  it("response times: per agent, the agent's own, the manager's team's, all for the admin", async () => {
    const agents = async (who: Who) => {
      const res = await responseTimesGET(withCookie("/api/v1/support/response-times", cookie[who]), none);
      expect(res.status, who).toBe(200);
      const body = (await res.json()) as { reply: { count: number }; perAgent: { agentId: string }[] };
      expect(body.reply.count, who).toBe(body.perAgent.length); // one answered turn per seeded conversation
      return sorted(body.perAgent.map((a) => a.agentId));
    };
    expect(await agents("agent")).toEqual(["agent-1"]);
    expect(await agents("manager")).toEqual(["agent-1", "agent-2"]);
    expect(await agents("admin")).toEqual(["agent-1", "agent-2", "agent-3"]);
    expect(await agents("otherAdmin")).toEqual([]);
  });

  it("failure reasons: the failed campaign delivery counts for the marketer, not for support roles", async () => {
    const reasons = async (who: Who) => {
      const res = await failureReasonsGET(withCookie("/api/v1/stats/failure-reasons", cookie[who]), none);
      return ((await res.json()) as { reasons: { code: string; count: number }[] }).reasons;
    };
    expect(await reasons("marketer")).toEqual([expect.objectContaining({ code: "blocked", count: 1 })]);
    expect(await reasons("admin")).toEqual([expect.objectContaining({ code: "blocked", count: 1 })]);
    expect(await reasons("manager")).toEqual([]);
    expect(await reasons("agent")).toEqual([]);
  });

  it("audits every view of a per-person list and every export", async () => {
    await db.prisma.auditEntry.deleteMany({ where: { workspaceId: "acme" } });
    const c = cookie.manager;
    const ok = async (res: Promise<Response>) => expect((await res).status).toBe(200);
    await ok(deliveriesGET(withCookie("/api/v1/deliveries?announcementId=ann-a", c), none));
    await ok(deliveriesGET(withCookie("/api/v1/deliveries?format=csv", c), none).then(async (r) => (await r.text(), r)));
    await ok(announcementGET(withCookie("/api/v1/announcements/ann-a", c), { params: Promise.resolve({ id: "ann-a" }) }));
    await ok(
      acknowledgementsGET(withCookie("/api/v1/members/agent-1/acknowledgements", c), { params: Promise.resolve({ id: "agent-1" }) }),
    );
    await ok(followUpsGET(withCookie("/api/v1/support/follow-ups", c), none));
    const entries = await db.prisma.auditEntry.findMany({ where: { workspaceId: "acme" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.target, e.actorType])).toEqual([
      ["list.viewed", "announcement:ann-a", "user"],
      ["export.csv", "deliveries", "user"],
      ["list.viewed", "announcement:ann-a", "user"],
      ["list.viewed", "member:agent-1", "user"],
      ["list.viewed", "support:follow-ups", "user"],
    ]);
  });
});
