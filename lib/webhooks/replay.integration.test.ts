import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as hookPOST } from "@/app/api/webhooks/[sourceId]/route";
import { setRateLimits, TokenBuckets } from "../api/rate-limit";
import { setDb } from "../db/client";
import { query } from "../db/sql";
import { setIngestWriter } from "../ingest";
import { applyProvision } from "../provision";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { snapshot } from "../testing/ingest";
import { SECRETS, STREAMS, hookUrl, type Recorded, type StreamPlatform } from "../testing/platform-streams";
import { ADAPTERS } from "./adapters";
import { replaySource } from "./replay";
import { forgetSource } from "./sources";

// Replay after an adapter fix: requests taken by a faulty adapter (it lost every other event)
// are re-run through the fixed one, and the state becomes what a correct adapter would have
// produced; a second replay changes nothing.

const LOCAL = "http://localhost:3000";
const PUBLIC = "https://receipts.example.com";
const PLATFORMS = Object.keys(STREAMS) as StreamPlatform[];

const sources = (ws: string) =>
  PLATFORMS.map((p) => ({
    id: `${ws}-${p}`,
    platform: p,
    name: p,
    secret: SECRETS[p],
    ...(p === "tencent" ? { appId: "1400000001" } : {}),
    ...(p === "twilio" ? { publicBaseUrl: PUBLIC } : {}),
  }));

async function post(sourceId: string, r: Recorded): Promise<void> {
  vi.setSystemTime(r.at);
  const url = `${hookUrl(LOCAL, sourceId)}${new URL(r.signed.url).search}`;
  const res = await hookPOST(new Request(url, { method: "POST", headers: r.signed.headers, body: r.signed.body }), {
    params: Promise.resolve({ sourceId }),
  });
  expect(res.status).toBe(200);
}

describe.each(DATABASE_KINDS)("replay on %s", (kind) => {
  let db: TestDb;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // The recorded streams replay their arrival times on a faked clock, which the per-source
    // rate limit would read as a clock going backwards: limits off here (rate 0).
    setRateLimits({ source: new TokenBuckets(0, 1), token: new TokenBuckets(0, 1) });
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    await applyProvision(db, {
      workspaces: ["correct", "faulty"].map((slug) => ({ slug, name: slug, sources: sources(slug), tokens: [], timezone: "UTC" })),
    });
    for (const p of PLATFORMS) for (const r of STREAMS[p](hookUrl(PUBLIC, `correct-${p}`))) await post(`correct-${p}`, r);
    const fixed = { ...ADAPTERS };
    try {
      for (const p of PLATFORMS) {
        const good = fixed[p];
        let n = 0;
        ADAPTERS[p] = {
          ...good,
          parse: (req, source) => {
            const r = good.parse(req, source);
            return { events: r.events.filter(() => n++ % 2 === 1), ignored: r.ignored };
          },
        };
        for (const r of STREAMS[p](hookUrl(PUBLIC, `faulty-${p}`))) await post(`faulty-${p}`, r);
      }
    } finally {
      Object.assign(ADAPTERS, fixed);
    }
  });
  afterAll(async () => {
    vi.useRealTimers();
    setRateLimits(undefined);
    setDb(undefined);
    await db?.dispose();
  });

  it("keeps accepted requests without message content, signatures or per-attempt auth", async () => {
    const rows = await query<{ url: string; headers: Record<string, string>; body: string }>(
      db.prisma,
      `SELECT url, headers, body FROM webhook_requests WHERE workspace_id = 'correct'`,
    );
    expect(rows.length).toBeGreaterThan(20);
    const all = JSON.stringify(rows);
    for (const text of ["Ihre Bestellung", "Hello", "你好", "TIMTextElem"]) expect(all).not.toContain(text);
    expect(all).not.toMatch(/signature|Sign=|RequestTime=/i);
    // Retries (same request again) are kept once.
    const [dup] = await query<{ n: number }>(
      db.prisma,
      `SELECT count(*)::int AS n FROM webhook_requests WHERE source_id = 'correct-whatsapp'`,
    );
    expect(dup.n).toBe(STREAMS.whatsapp(PUBLIC).length - 1);
  });

  it("recovers what a faulty adapter lost, with the same idempotency keys, and a second replay is a no-op", async () => {
    const strip = (rows: unknown[]) =>
      rows.map((r) => ({ ...(r as object), source_id: String((r as { source_id: string }).source_id).replace(/^\w+-/, "") }));
    const correct = await snapshot(db, "correct");
    const before = await snapshot(db, "faulty");
    expect(before.deliveries).not.toEqual(correct.deliveries);

    let applied = 0;
    for (const p of PLATFORMS) {
      const report = await replaySource(db, `faulty-${p}`);
      expect(report.errors).toEqual([]);
      expect(report.alreadyStored, p).toBeGreaterThan(0);
      applied += report.applied;
    }
    expect(applied).toBeGreaterThan(10);
    const after = await snapshot(db, "faulty");
    expect(after.deliveries).toEqual(correct.deliveries);
    expect(strip(after.rollups)).toEqual(strip(correct.rollups));

    const logBefore = await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM receipt_events WHERE workspace_id = 'faulty'`);
    for (const p of PLATFORMS) {
      const again = await replaySource(db, `faulty-${p}`);
      expect(again.applied, p).toBe(0);
      expect(again.alreadyStored).toBe(again.events);
    }
    const logAfter = await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM receipt_events WHERE workspace_id = 'faulty'`);
    expect(logAfter).toEqual(logBefore);
    expect(await snapshot(db, "faulty")).toEqual(after);
  });

  it("replays only the requests received in the given window", async () => {
    const none = await replaySource(db, "faulty-sendbird", { since: new Date("2030-01-01T00:00:00Z") });
    expect(none.requests).toBe(0);
    await expect(replaySource(db, "no-such-source")).rejects.toThrow(/No source/);
  });
});
