import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { setDb } from "@/lib/db/client";
import { execute, query } from "@/lib/db/sql";
import { resolveRange } from "@/lib/queries/filters";
import { getResponseTimes } from "@/lib/queries/get-response-times";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";
import { generateScenario } from "@/lib/simulator/scenario";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { provisionFixtures, TOKEN } from "@/lib/testing/fixtures";
import { bearer } from "@/lib/testing/http";
import { ingest } from "@/lib/testing/ingest";
import { GET as messages } from "./messages/route";
import { GET as responseTimes } from "./support/response-times/route";
import { GET as followUps } from "./support/follow-ups/route";

// The Support and Messages screens' API: the message list (search, kind, status), per-agent read
// rates, sorting, the business-hours switch and the CSVs, each compared with plain SQL over the
// same ingested data (written here without calling the query code).

const BASE = "http://localhost:3000/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (h: unknown, path: string) => (h as Handler)(bearer(`${BASE}${path}`, TOKEN), { params: Promise.resolve({}) });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const RANGE = "from=2026-11-01&to=2026-11-20&tz=UTC";
const FROM = "2026-11-01T00:00:00Z";
const TO = "2026-11-21T00:00:00Z";

type Row = Record<string, unknown>;

describe.each(DATABASE_KINDS)("support and message-list API on %s", (kind) => {
  let db: TestDb;
  let ws: string;
  const sql = (text: string, params: unknown[] = []) => query<Row>(db.prisma, text, params);
  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    await provisionFixtures(db);
    [{ id: ws }] = await query<{ id: string }>(db.prisma, `SELECT id FROM workspaces WHERE slug = 'acme'`);
    const events = generateScenario({
      seed: 21,
      now: new Date("2026-11-20T12:00:00Z"),
      days: 14,
      campaigns: 1,
      recipientsPerCampaign: 40,
      announcements: 2,
      conversations: 30,
    });
    await ingest(db, ws, events, { sourceId: "acme-gen" });
  }, 120_000);
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  it("lists the latest messages of the range with their counts, newest first", async () => {
    const r = await json(await call(messages, `/messages?${RANGE}&limit=100`));
    expect(r.status).toBe(200);
    const want = await sql(
      `SELECT id FROM messages WHERE workspace_id = $1 AND sent_at >= $2 AND sent_at < $3 ORDER BY sent_at DESC, id LIMIT 100`,
      [ws, FROM, TO],
    );
    expect(want.length).toBeGreaterThan(50);
    expect(r.body.messages.map((m: { id: string }) => m.id)).toEqual(want.map((w) => w.id));
    const first = r.body.messages[0];
    expect(first.sentAt).toMatch(/\+00:00$|Z$/);
    const [c] = await sql(
      `SELECT count(*)::int AS sent, count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered,
         count(*) FILTER (WHERE status = 'read')::int AS read, count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM deliveries WHERE workspace_id = $1 AND message_id = $2`,
      [ws, first.id],
    );
    expect({ sent: first.sent, delivered: first.delivered, read: first.read, failed: first.failed }).toEqual(c);
    // Default size is 50.
    expect((await json(await call(messages, `/messages?${RANGE}`))).body.messages).toHaveLength(50);
  });

  it("searches by message id (LIKE wildcards taken literally) and filters by kind and status", async () => {
    const ids = async (q: string) =>
      (await json(await call(messages, `/messages?${RANGE}&limit=100&${q}`))).body.messages.map((m: { id: string }) => m.id).sort();
    const want = async (where: string, params: unknown[] = []) =>
      (
        await sql(
          `SELECT m.id FROM messages m WHERE m.workspace_id = $1 AND m.sent_at >= $2 AND m.sent_at < $3 AND ${where} ORDER BY m.id`,
          [ws, FROM, TO, ...params],
        )
      ).map((r) => r.id);
    const conv = await want(`position('conv-1' in lower(m.id)) > 0`);
    expect(conv.length).toBeGreaterThan(1);
    expect(await ids("q=CONV-1")).toEqual(conv);
    expect(await ids("q=%25")).toEqual([]);
    expect(await ids("q=conv_1")).toEqual([]);
    expect(await ids("kind=support")).toEqual(await want(`m.kind = 'support'`));
    const failed = await want(
      `EXISTS (SELECT 1 FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'failed')`,
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(await ids("status=failed")).toEqual(failed);
    expect(await ids("kind=support&status=unread")).toEqual(
      await want(
        `m.kind = 'support' AND EXISTS (SELECT 1 FROM deliveries d WHERE d.workspace_id = m.workspace_id AND d.message_id = m.id AND d.status = 'delivered')`,
      ),
    );
    expect((await call(messages, `/messages?status=bogus`)).status).toBe(400);
  });

  it("shows an agent only their own messages", async () => {
    const range = resolveRange({ from: "2026-11-01", to: "2026-11-20" }, "UTC");
    const mine = await listRecentMessages(db, { workspaceId: ws, senderIds: ["agent-amy"] }, {}, range, 100);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((m) => m.senderId))).toEqual(new Set(["agent-amy"]));
    const all = await listRecentMessages(db, { workspaceId: ws }, { senderId: "agent-amy" }, range, 100);
    expect(all.map((m) => m.id)).toEqual(mine.map((m) => m.id));
  });

  it("per agent: read rate of the agent's answers sent in the range; sortable; CSV in the same order", async () => {
    const r = await json(await call(responseTimes, `/support/response-times?${RANGE}`));
    expect(r.status).toBe(200);
    expect(r.body.basis).toBe("calendar");
    expect(r.body.businessHours).toBeNull();
    const want = await sql(
      `SELECT sender_id, count(*)::int AS sent, count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered,
         count(*) FILTER (WHERE status = 'read')::int AS read
       FROM deliveries WHERE workspace_id = $1 AND kind = 'support' AND cohort_at >= $2 AND cohort_at < $3 GROUP BY sender_id`,
      [ws, FROM, TO],
    );
    expect(want.length).toBeGreaterThan(1);
    type Agent = {
      agentId: string;
      reply: { p50: number | null };
      messages: { sent: number; delivered: number; read: number; readRate: number | null };
    };
    const agents = r.body.perAgent as Agent[];
    for (const w of want) {
      const a = agents.find((x) => x.agentId === w.sender_id)!;
      expect(a.messages).toEqual({
        sent: w.sent,
        delivered: w.delivered,
        read: w.read,
        readRate: (w.delivered as number) > 0 ? (w.read as number) / (w.delivered as number) : null,
      });
    }
    const sorted = (await json(await call(responseTimes, `/support/response-times?${RANGE}&sort=readRate&order=desc`))).body
      .perAgent as Agent[];
    const rates = sorted.map((a) => a.messages.readRate).filter((x): x is number => x !== null);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const asc = (await json(await call(responseTimes, `/support/response-times?${RANGE}&sort=replyP50&order=asc`))).body
      .perAgent as Agent[];
    const p50s = asc.map((a) => a.reply.p50).filter((x): x is number => x !== null);
    expect(p50s).toEqual([...p50s].sort((a, b) => a - b));
    // The CSV holds the table as shown: same agents, same order, same numbers.
    const res = await call(responseTimes, `/support/response-times?${RANGE}&sort=readRate&order=desc&format=csv`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.agentId)).toEqual(sorted.map((a) => a.agentId));
    expect(rows.map((x) => Number(x.messagesRead))).toEqual(sorted.map((a) => a.messages.read));
    expect(rows[0].basis).toBe("calendar");
  });

  it("business hours: the default when defined, calendar time on request, and the hours are returned", async () => {
    const calendar = (await json(await call(responseTimes, `/support/response-times?${RANGE}`))).body;
    const hours = { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };
    await execute(db.prisma, `UPDATE workspaces SET business_hours = $1::jsonb WHERE id = $2`, [JSON.stringify(hours), ws]);
    try {
      const business = (await json(await call(responseTimes, `/support/response-times?${RANGE}`))).body;
      expect(business.basis).toBe("business");
      expect(business.businessHours).toEqual(hours);
      expect(business.tz).toBe("UTC");
      expect(business.reply.count).toBe(calendar.reply.count);
      expect(business.reply.mean).toBeLessThan(calendar.reply.mean);
      const forced = (await json(await call(responseTimes, `/support/response-times?${RANGE}&basis=calendar`))).body;
      expect(forced.basis).toBe("calendar");
      expect(forced.businessHours).toEqual(hours);
      expect(forced.reply).toEqual(calendar.reply);
      expect(forced.perAgent).toEqual(calendar.perAgent);
    } finally {
      await execute(db.prisma, `UPDATE workspaces SET business_hours = NULL WHERE id = $1`, [ws]);
    }
  });

  it("an agent's scope: only their own row, read rates included", async () => {
    const mine = await getResponseTimes(db, { workspaceId: ws, senderIds: ["agent-ben"] }, { from: "2026-11-01", to: "2026-11-20" }, "UTC");
    expect(mine.perAgent.map((a) => a.agentId)).toEqual(["agent-ben"]);
    const [w] = await sql(
      `SELECT count(*)::int AS sent FROM deliveries WHERE workspace_id = $1 AND kind = 'support' AND sender_id = 'agent-ben' AND cohort_at >= $2 AND cohort_at < $3`,
      [ws, FROM, TO],
    );
    expect(mine.perAgent[0].messages.sent).toBe(w.sent);
  });

  it("follow-ups CSV: every unread answer older than N hours, oldest first, all pages", async () => {
    const want = await sql(
      `SELECT message_id, recipient_id FROM deliveries WHERE workspace_id = $1 AND kind = 'support' AND status IN ('sent', 'delivered')
       AND cohort_at <= now() - interval '2 hours' ORDER BY cohort_at, message_id, recipient_id`,
      [ws],
    );
    expect(want.length).toBeGreaterThan(2);
    const res = await call(followUps, `/support/follow-ups?hours=2&format=csv&tz=Asia/Kolkata`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("unread-follow-ups.csv");
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => `${x.messageId}/${x.recipientId}`)).toEqual(want.map((w) => `${w.message_id}/${w.recipient_id}`));
    expect(rows[0].sentAt).toMatch(/\+05:30$/);
    // JSON pages agree with the CSV.
    const page = (await json(await call(followUps, `/support/follow-ups?hours=2&limit=2`))).body;
    expect(page.followUps.map((f: { messageId: string }) => f.messageId)).toEqual(rows.slice(0, 2).map((x) => x.messageId));
    expect(page.nextCursor).not.toBeNull();
    const [audit] = await sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE workspace_id = $1 AND action = 'export.csv' AND target = 'support:follow-ups'`,
      [ws],
    );
    expect(audit.n).toBe(1);
  });
});
