import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@/lib/db/sql";
import { ttrBin } from "@/lib/metrics/ttr-histogram";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { createWorkspace, ingest } from "@/lib/testing/ingest";
import { loadActivity, loadHeatmap, loadKpis, loadReadWithin, loadSplits, loadTrend, READ_WITHIN_POINTS, type Ctx } from "./overview-data";

// The Overview's page-local loaders read the rollups; each is checked here against an independent
// computation over the deliveries table, on both databases, in a +05:30 time zone.

const WS = "ws-overview";
const TZ = "Asia/Kolkata";
const NOW = Date.now();
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const PLATFORMS = ["ios", "android", "web", "", "desktop"];

function events() {
  const out: object[] = [];
  // 40 messages over 20 days, sent at uneven hours; 5 recipients each; reads from 30 s to 2 days.
  for (let m = 0; m < 40; m++) {
    const sentAgo = m * 11 * 3600 + (m % 7) * 900 + 600;
    for (let r = 0; r < 5; r++) {
      const recipientId = `u${r}`;
      const clientPlatform = PLATFORMS[(m + r) % PLATFORMS.length] || undefined;
      out.push({
        type: "message.sent",
        id: `s-${m}-${r}`,
        occurredAt: at(sentAgo),
        message: { id: `m${m}`, kind: m % 3 ? "campaign" : "support", senderId: m % 2 ? "agent-1" : "agent-2" },
        recipientId,
        clientPlatform,
      });
      if ((m + r) % 4 !== 0)
        out.push({ type: "message.delivered", id: `d-${m}-${r}`, occurredAt: at(sentAgo - 5), messageId: `m${m}`, recipientId });
      const delay = [30, 400, 2000, 9000, 50000, 170000][(m * 5 + r) % 6];
      if ((m + r) % 4 !== 0 && (m + r) % 3 !== 0 && delay < sentAgo) {
        out.push({ type: "message.read", id: `r-${m}-${r}`, occurredAt: at(sentAgo - delay), messageId: `m${m}`, recipientId });
      }
    }
  }
  return out;
}

describe.each(DATABASE_KINDS)("Overview loaders on %s", (kind) => {
  let db: TestDb;
  let ctx: Ctx;

  beforeAll(async () => {
    db = await freshDb(kind);
    await createWorkspace(db, WS, TZ);
    const all = events();
    await ingest(db, WS, all);
    // A retry of the last event: logged as a duplicate, never shown as activity.
    await ingest(db, WS, [all.at(-1)!]);
    ctx = { db, scope: { workspaceId: WS }, filters: {}, tz: TZ };
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("buckets the trend by local send day, as the deliveries say", async () => {
    const trend = await loadTrend(ctx);
    expect(trend.unit).toBe("day");
    const expected = await query<{ local: string; sent: number; read: number }>(
      db.prisma,
      `SELECT to_char(cohort_at AT TIME ZONE $2, 'YYYY-MM-DD"T"00:00') AS local, count(*)::float8 AS sent,
         count(*) FILTER (WHERE status = 'read')::float8 AS read
       FROM deliveries WHERE workspace_id = $1 AND cohort_at >= $3::timestamptz GROUP BY 1 ORDER BY 1`,
      [WS, TZ, trend.from],
    );
    expect(trend.rows.map((r) => ({ local: r.local, sent: r.sent, read: r.read }))).toEqual(expected);
  });

  it("counts each read-within point over cohorts old enough for it, as the deliveries say", async () => {
    const now = new Date(NOW);
    const rows = await loadReadWithin(ctx, now);
    const deliveries = await query<{ bucket: Date; status: string; ttr: number | null }>(
      db.prisma,
      `SELECT date_bin('15 minutes', cohort_at, TIMESTAMPTZ '2000-01-01') AS bucket, status::text AS status,
         EXTRACT(EPOCH FROM read_at - cohort_at)::float8 AS ttr
       FROM deliveries WHERE workspace_id = $1`,
      [WS],
    );
    const within = (ttr: number | null, t: number) => ttr !== null && Math.pow(2, ttrBin(ttr) / 8) <= t;
    READ_WITHIN_POINTS.forEach((t, i) => {
      const old = deliveries.filter((d) => new Date(d.bucket).getTime() + 15 * 60_000 <= now.getTime() - t * 1000);
      const prev = i === 0 ? 0 : READ_WITHIN_POINTS[i - 1];
      const read = old.filter((d) => d.status === "read");
      expect(rows[i], `t=${t}`).toEqual({
        seconds: t,
        delivered: old.filter((d) => d.status === "delivered" || d.status === "read").length,
        readBefore: read.filter((d) => within(d.ttr, prev)).length,
        read: read.filter((d) => within(d.ttr, t)).length,
      });
    });
    expect(rows.some((r) => r.read > 0 && r.read < r.delivered)).toBe(true);
  });

  it("splits by client platform, unreported counted as unknown", async () => {
    const { byClientPlatform } = await loadSplits(ctx);
    const expected = await query<{ key: string; sent: number; delivered: number }>(
      db.prisma,
      `SELECT COALESCE(NULLIF(client_platform, ''), 'unknown') AS key, count(*)::float8 AS sent,
         count(*) FILTER (WHERE status IN ('delivered', 'read'))::float8 AS delivered
       FROM deliveries WHERE workspace_id = $1 GROUP BY 1`,
      [WS],
    );
    const got = byClientPlatform.map((r) => ({ key: r.key, sent: r.sent, delivered: r.delivered }));
    expect(got.sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
  });

  it("places the heatmap by local weekday and hour of sending", async () => {
    const cells = await loadHeatmap(ctx);
    const expected = await query<{ weekday: number; hour: number; delivered: number; read: number }>(
      db.prisma,
      `SELECT extract(isodow FROM cohort_at AT TIME ZONE $2)::int AS weekday, extract(hour FROM cohort_at AT TIME ZONE $2)::int AS hour,
         count(*) FILTER (WHERE status IN ('delivered', 'read'))::float8 AS delivered, count(*) FILTER (WHERE status = 'read')::float8 AS read
       FROM deliveries WHERE workspace_id = $1 GROUP BY 1, 2`,
      [WS, TZ],
    );
    const key = (c: { weekday: number; hour: number }) => c.weekday * 100 + c.hour;
    expect([...cells].sort((a, b) => key(a) - key(b))).toEqual([...expected].sort((a, b) => key(a) - key(b)));
  });

  it("lists the latest receipts newest first, without duplicates or recipients", async () => {
    const items = await loadActivity(ctx, 5);
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.id)).size).toBe(5);
    const ids = items.map((i) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    expect(items.every((i) => !("recipientId" in i))).toBe(true);
  });

  it("shows a scoped viewer (an agent: their own messages) only their data", async () => {
    const agent: Ctx = { ...ctx, scope: { workspaceId: WS, senderIds: ["agent-1"] } };
    const [mine] = await query<{ sent: number }>(
      db.prisma,
      `SELECT count(*)::float8 AS sent FROM deliveries WHERE workspace_id = $1 AND sender_id = 'agent-1'`,
      [WS],
    );
    const [all] = await query<{ sent: number }>(db.prisma, `SELECT count(*)::float8 AS sent FROM deliveries WHERE workspace_id = $1`, [WS]);
    expect(mine.sent).toBeGreaterThan(0);
    expect(mine.sent).toBeLessThan(all.sent);
    expect((await loadKpis(agent)).current.sent).toBe(mine.sent);
    const { bySource, byClientPlatform } = await loadSplits(agent);
    expect(bySource.reduce((n, r) => n + r.sent, 0)).toBe(mine.sent);
    expect(byClientPlatform.reduce((n, r) => n + r.sent, 0)).toBe(mine.sent);
    expect((await loadTrend(agent)).rows.reduce((n, r) => n + r.sent, 0)).toBe(mine.sent);
    const items = await loadActivity(agent, 20);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => Number(i.messageId.slice(1)) % 2 === 1)).toBe(true);
  });
});
