import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { setDb } from "@/lib/db/client";
import { query } from "@/lib/db/sql";
import { generateScenario } from "@/lib/simulator/scenario";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { OTHER_TOKEN, provisionFixtures, TOKEN } from "@/lib/testing/fixtures";
import { bearer } from "@/lib/testing/http";
import { ingest } from "@/lib/testing/ingest";
import { GET as kpis } from "./stats/kpis/route";
import { GET as timeseries } from "./stats/timeseries/route";
import { GET as funnel } from "./stats/funnel/route";
import { GET as ttr } from "./stats/time-to-read/route";
import { GET as splits } from "./stats/splits/route";
import { GET as heatmap } from "./stats/heatmap/route";
import { GET as failures } from "./stats/failure-reasons/route";
import { GET as campaigns } from "./campaigns/route";
import { GET as campaign } from "./campaigns/[id]/route";
import { GET as compare } from "./compare/route";
import { GET as announcement } from "./announcements/[id]/route";
import { GET as member } from "./members/[id]/acknowledgements/route";
import { GET as responseTimes } from "./support/response-times/route";
import { GET as followUps } from "./support/follow-ups/route";
import { GET as deliveries } from "./deliveries/route";

// The read API's contract: status codes, validation, workspace isolation, and that a drill-down
// and its CSV list exactly the deliveries behind the number they came from.

const BASE = "http://localhost:3000/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (h: unknown, path: string, token = TOKEN, params: Record<string, string> = {}) =>
  (h as Handler)(bearer(`${BASE}${path}`, token), { params: Promise.resolve(params) });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

describe.each(DATABASE_KINDS)("dashboard API on %s", (kind) => {
  let db: TestDb;
  const range = "from=2026-11-01&to=2026-11-20";
  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    await provisionFixtures(db);
    const [ws] = await query<{ id: string }>(db.prisma, `SELECT id FROM workspaces WHERE slug = 'acme'`);
    const events = generateScenario({
      seed: 9,
      now: new Date("2026-11-20T12:00:00Z"),
      days: 14,
      campaigns: 2,
      recipientsPerCampaign: 120,
      announcements: 2,
      conversations: 12,
    });
    await ingest(db, ws.id, events, { sourceId: "acme-gen" });
  }, 120_000);
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  it("answers every read endpoint for the token's workspace", async () => {
    const k = await json(await call(kpis, `/stats/kpis?${range}`));
    expect(k.status).toBe(200);
    expect(k.body.current.sent).toBeGreaterThan(200);
    const t = await json(await call(timeseries, `/stats/timeseries?${range}&unit=day&tz=Asia/Kolkata`));
    expect(t.body.buckets).toHaveLength(20);
    expect(t.body.buckets[0].start).toBe("2026-11-01T00:00:00.000+05:30");
    expect(t.body.buckets.reduce((s: number, b: { sent: number }) => s + b.sent, 0)).toBeLessThanOrEqual(k.body.current.sent + 50);
    for (const [h, path] of [
      [funnel, `/stats/funnel?${range}`],
      [ttr, `/stats/time-to-read?${range}`],
      [splits, `/stats/splits?${range}&by=clientPlatform`],
      [heatmap, `/stats/heatmap?${range}`],
      [failures, `/stats/failure-reasons?${range}`],
      [campaigns, `/campaigns?sort=readRate`],
      [compare, `/compare?items=cmp-1:A,cmp-1:B,cmp-2`],
      [responseTimes, `/support/response-times?${range}`],
      [followUps, `/support/follow-ups?hours=1`],
    ] as const) {
      const r = await json(await call(h, path));
      expect(r.status, path).toBe(200);
    }
    const c = await json(await call(campaign, `/campaigns/cmp-1`, TOKEN, { id: "cmp-1" }));
    expect(c.body).toMatchObject({ id: "cmp-1", variants: [{ variant: "A" }, { variant: "B" }], comparisons: [{ a: "A", b: "B" }] });
    expect(c.body.readRateCi).toHaveLength(2);
    expect(c.body.heatmap.cells).toHaveLength(168);
    const a = await json(await call(announcement, `/announcements/ann-1`, TOKEN, { id: "ann-1" }));
    expect(a.body.targeted).toBeGreaterThan(0);
    expect(a.body.members[0]).toHaveProperty("name");
    const m = await json(
      await call(member, `/members/${a.body.members[0].recipientId}/acknowledgements?${range}`, TOKEN, {
        id: a.body.members[0].recipientId,
      }),
    );
    expect(m.body.announcements).toBe(1);
  });

  it("never shows another workspace's data", async () => {
    expect((await json(await call(kpis, `/stats/kpis?${range}`, OTHER_TOKEN))).body.current.sent).toBe(0);
    expect((await json(await call(campaigns, `/campaigns`, OTHER_TOKEN))).body.campaigns).toEqual([]);
    expect((await call(campaign, `/campaigns/cmp-1`, OTHER_TOKEN, { id: "cmp-1" })).status).toBe(404);
    expect((await call(announcement, `/announcements/ann-1`, OTHER_TOKEN, { id: "ann-1" })).status).toBe(404);
    expect((await json(await call(deliveries, `/deliveries?${range}`, OTHER_TOKEN))).body.deliveries).toEqual([]);
  });

  it("refuses bad input with 400 and a plain message, and missing tokens with 401", async () => {
    for (const [h, path] of [
      [timeseries, `/stats/timeseries?tz=Mars/Base`],
      [timeseries, `/stats/timeseries?unit=week`],
      [timeseries, `/stats/timeseries?unit=hour&from=2026-01-01&to=2026-11-01`],
      [splits, `/stats/splits`],
      [compare, `/compare?items=only-one`],
      [deliveries, `/deliveries?cursor=garbage`],
      [deliveries, `/deliveries?limit=0`],
    ] as const) {
      const r = await json(await call(h, path));
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe("bad_request");
    }
    expect((await (kpis as Handler)(new Request(`${BASE}/stats/kpis`), { params: Promise.resolve({}) })).status).toBe(401);
  });

  it("lists campaigns sorted by any count, searched by title or id, and as the same table in CSV", async () => {
    const all = (await json(await call(campaigns, `/campaigns?sort=failed&order=asc`))).body.campaigns as {
      id: string;
      title: string | null;
      failed: number;
      immature: boolean;
    }[];
    expect(all.map((c) => c.id).sort()).toEqual(["cmp-1", "cmp-2"]);
    expect(all[0].failed).toBeLessThanOrEqual(all[1].failed);
    const desc = (await json(await call(campaigns, `/campaigns?sort=failed&order=desc`))).body.campaigns as typeof all;
    expect(desc.map((c) => c.failed)).toEqual(all.map((c) => c.failed).reverse());
    // Sent days before "now" of the scenario, but the real clock is later still: mature.
    expect(all.every((c) => c.immature === false)).toBe(true);
    const one = (await json(await call(campaigns, `/campaigns?search=CMP-2`))).body.campaigns as typeof all;
    expect(one.map((c) => c.id)).toEqual(["cmp-2"]);
    expect((await json(await call(campaigns, `/campaigns?search=no-such-campaign`))).body.campaigns).toEqual([]);

    const res = await call(campaigns, `/campaigns?sort=failed&order=asc&format=csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(all.map((c) => c.id));
    expect(rows.map((r) => Number(r.failed))).toEqual(all.map((c) => c.failed));
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["title", "sent", "deliveryRate", "readRate", "immature"]));
    const [audit] = await query<{ action: string; target: string }>(
      db.prisma,
      `SELECT action, target FROM audit_log WHERE target = 'campaigns' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ action: "export.csv", target: "campaigns" });
  });

  it("compares as CSV: one row per cohort with its test against the first, the same numbers as JSON", async () => {
    const j = (await json(await call(compare, `/compare?items=cmp-1:A,cmp-1:B,cmp-2`))).body;
    const res = await call(compare, `/compare?items=cmp-1:A,cmp-1:B,cmp-2&format=csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.ref)).toEqual(["cmp-1:A", "cmp-1:B", "cmp-2"]);
    expect(rows[0]).toMatchObject({ baseline: "cmp-1:A", differenceVsBaseline: "", pValue: "" });
    expect(Number(rows[1].read)).toBe(j.cohorts[1].read);
    expect(Number(rows[1].pValue)).toBeCloseTo(j.comparisons[0].pValue, 10);
    expect(Number(rows[2].readRateCiLow)).toBeCloseTo(j.cohorts[2].readRateCi[0], 10);
  });

  it("a campaign's counts match the deliveries their drill-down lists", async () => {
    const c = (await json(await call(campaign, `/campaigns/cmp-1`, TOKEN, { id: "cmp-1" }))).body;
    const count = async (q: string) => {
      let n = 0;
      let cursor = "";
      do {
        const page = await json(await call(deliveries, `/deliveries?campaignId=cmp-1&${q}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`));
        n += page.body.deliveries.length;
        cursor = page.body.nextCursor ?? "";
      } while (cursor);
      return n;
    };
    for (const status of ["sent", "delivered", "read", "failed", "pending"] as const) {
      expect(await count(`status=${status}`), status).toBe(c[status]);
      expect(await count(`status=${status}&variant=B`), `B ${status}`).toBe(c.variants[1][status]);
    }
  });

  it("drill-down pages and the CSV list exactly the deliveries behind a count", async () => {
    const f = await json(await call(funnel, `/stats/funnel?${range}&campaignId=cmp-1&tz=Europe/Berlin`));
    const readCount = f.body.steps[2].count;
    expect(readCount).toBeGreaterThan(10);
    const ids: string[] = [];
    let cursor = "";
    do {
      const page = await json(
        await call(
          deliveries,
          `/deliveries?${range}&campaignId=cmp-1&tz=Europe/Berlin&status=read&limit=25${cursor ? `&cursor=${cursor}` : ""}`,
        ),
      );
      ids.push(...page.body.deliveries.map((d: { messageId: string; recipientId: string }) => `${d.messageId}/${d.recipientId}`));
      expect(page.body.deliveries.every((d: { readAt: string }) => d.readAt.endsWith("+01:00"))).toBe(true);
      cursor = page.body.nextCursor ?? "";
    } while (cursor);
    expect(ids.length).toBe(readCount);
    const res = await call(deliveries, `/deliveries?${range}&campaignId=cmp-1&tz=Europe/Berlin&status=read&format=csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(await res.text(), { columns: true }) as { messageId: string; recipientId: string; status: string }[];
    expect(rows.map((r) => `${r.messageId}/${r.recipientId}`)).toEqual(ids);
    expect(rows.every((r) => r.status === "read")).toBe(true);
  });
});
