import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@/lib/db/sql";
import { ttrBin } from "@/lib/metrics/ttr-histogram";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { createWorkspace, ingest } from "@/lib/testing/ingest";
import type { ViewerScope } from "./scope";
import { listActivity } from "./list-activity";
import { getReadWithin, READ_WITHIN_POINTS } from "./read-within";
import { resolveRange } from "./filters";

// The Overview's "% read within t" rows (from the rollups) are checked against an independent
// computation over the deliveries table, and its activity feed against the event log, on both
// databases, in a +05:30 time zone.

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
  // Two reads sent one hour after the local midnight that opens the "older than every point" range
  // of the test below: between a +05:30 midnight and the next UTC one, where whole UTC days of the
  // daily bins do not reach (a read-within bug once lost them, but only when the clock put reads there).
  const edge = resolveRange({ from: localDay(18), to: localDay(18) }, TZ, new Date(NOW)).from.getTime() + 3600_000;
  for (const r of ["edge-a", "edge-b"]) {
    const sent = new Date(edge).toISOString();
    out.push({ type: "message.sent", id: `s-${r}`, occurredAt: sent, message: { id: `m-${r}`, kind: "campaign" }, recipientId: r });
    out.push({
      type: "message.read",
      id: `r-${r}`,
      occurredAt: new Date(edge + 600_000).toISOString(),
      messageId: `m-${r}`,
      recipientId: r,
    });
  }
  return out;
}

function localDay(ago: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(new Date(NOW - ago * 86400_000));
}

describe.each(DATABASE_KINDS)("Overview feeds on %s", (kind) => {
  let db: TestDb;
  const scope: ViewerScope = { workspaceId: WS };

  beforeAll(async () => {
    db = await freshDb(kind);
    await createWorkspace(db, WS, TZ);
    const all = events();
    await ingest(db, WS, all);
    // A retry of the last event: logged as a duplicate, never shown as activity.
    await ingest(db, WS, [all.at(-1)!]);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("counts each read-within point over cohorts old enough for it, as the deliveries say", async () => {
    const now = new Date(NOW);
    const rows = await getReadWithin(db, scope, {}, TZ, now);
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

  it("answers a range older than every point (whole days from the daily bins) like the deliveries say", async () => {
    const now = new Date(NOW);
    const f = { from: localDay(18), to: localDay(11) };
    const rows = await getReadWithin(db, scope, f, TZ, now);
    const { from, to } = resolveRange(f, TZ, now);
    const [e] = await query<{ delivered: number; read: number }>(
      db.prisma,
      `SELECT count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered, count(*) FILTER (WHERE status = 'read')::int AS read
       FROM deliveries WHERE workspace_id = $1 AND cohort_at >= $2 AND cohort_at < $3`,
      [WS, from.toISOString(), to.toISOString()],
    );
    expect(e.read).toBeGreaterThan(0);
    // Every cohort is older than 7 days and every read here took under 2 days: all count at 7 days.
    expect(rows.at(-1)).toMatchObject({ seconds: 604800, delivered: e.delivered, read: e.read });
  });

  it("lists the latest receipts newest first, without duplicates or recipients", async () => {
    const items = await listActivity(db, scope, {}, 5);
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.id)).size).toBe(5);
    const ids = items.map((i) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    expect(items.every((i) => !("recipientId" in i))).toBe(true);
  });

  it("shows a scoped viewer (an agent: their own messages) only their receipts", async () => {
    const items = await listActivity(db, { workspaceId: WS, senderIds: ["agent-1"] }, {}, 20);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => Number(i.messageId.slice(1)) % 2 === 1)).toBe(true);
  });
});
