import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../db/sql";
import { parseCanonical } from "./canonical";
import { IngestWriter } from "./writer";
import { onChange, type ChangeNotice } from "../realtime/bus";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest, parseEvents, snapshot } from "../testing/ingest";
import { disorder, generateScenario } from "../simulator/scenario";

const ev = (i: number) => {
  const r = parseCanonical(
    {
      type: "message.sent",
      id: `g-${i}`,
      occurredAt: "2026-11-20T09:00:00Z",
      message: { id: `gm-${i}`, senderId: "agent-1" },
      recipientId: "u",
    },
    new Date(),
  );
  if (!r.ok) throw new Error(r.message);
  return r.event;
};

describe.each(DATABASE_KINDS)("group commit on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await createWorkspace(db, "w");
  });
  afterAll(async () => db?.dispose());

  it("shares transactions between concurrent requests and acknowledges each after commit", async () => {
    const writer = new IngestWriter(async () => db);
    const notices: ChangeNotice[] = [];
    const off = onChange((n) => notices.push(n));
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => writer.submit({ workspaceId: "w", sourceId: null, receivedAt: new Date(), events: [ev(i)] })),
    );
    off();
    expect(results.flat()).toEqual(Array(64).fill("applied"));
    expect(writer.stats.requests).toBe(64);
    expect(writer.stats.commits).toBeLessThan(8);
    const [{ n }] = await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = 'w'`);
    expect(n).toBe(64);
    // Change notices are published after commit, one per workspace per commit.
    expect(notices.reduce((s, x) => s + x.deliveries.length, 0)).toBe(64);
    expect(notices[0].deliveries[0]).toMatchObject({ status: "sent", senderId: "agent-1" });
  });

  it("isolates a request that fails from the others in its group", async () => {
    const writer = new IngestWriter(async () => db);
    const bad = writer.submit({ workspaceId: "w", sourceId: null, receivedAt: new Date(), events: [ev(1000)] });
    const poisoned = { ...ev(1001), occurredAt: new Date(Number.NaN) };
    const worse = writer.submit({ workspaceId: "w", sourceId: null, receivedAt: new Date(), events: [poisoned] }).then(
      () => "stored",
      (e: Error) => e.message,
    );
    const good = writer.submit({ workspaceId: "w", sourceId: null, receivedAt: new Date(), events: [ev(1002)] });
    expect(await good).toEqual(["applied"]);
    expect(await worse).not.toBe("stored");
    expect(await bad).toEqual(["applied"]);
  });

  it("ends concurrent lanes fed a shuffled stream in the in-order state", async () => {
    const events = generateScenario({
      seed: 21,
      now: new Date("2026-11-20T00:00:00Z"),
      days: 2,
      campaigns: 1,
      recipientsPerCampaign: 300,
      announcements: 2,
      conversations: 40,
    });
    await createWorkspace(db, "serial");
    await createWorkspace(db, "lanes");
    await ingest(db, "serial", events);
    // Three lanes stand for three app instances writing the same workspace at once.
    const writer = new IngestWriter(
      async () => db,
      (kind) => (kind === "pg" ? 3 : 1),
    );
    const messy = disorder(events, { duplicates: 0.1, window: 300 }, 5);
    const chunks: (typeof messy)[] = [];
    for (let i = 0; i < messy.length; i += 7) chunks.push(messy.slice(i, i + 7));
    await Promise.all(
      chunks.map((c) =>
        writer.submit({
          workspaceId: "lanes",
          sourceId: null,
          receivedAt: new Date(),
          events: parseEvents(c),
        }),
      ),
    );
    expect(await snapshot(db, "lanes")).toEqual(await snapshot(db, "serial"));
    expect(await query(db.prisma, `SELECT count(*)::int AS n FROM waiting_receipts WHERE workspace_id = 'lanes'`)).toEqual([{ n: 0 }]);
  });

  it("applies an event once when two instances take it at the same moment (the second finds it logged)", async () => {
    const events = generateScenario({
      seed: 23,
      now: new Date("2026-11-20T00:00:00Z"),
      days: 1,
      campaigns: 1,
      recipientsPerCampaign: 120,
      conversations: 10,
    });
    await createWorkspace(db, "twice-serial");
    await createWorkspace(db, "twice");
    await ingest(db, "twice-serial", events);
    // Two writers stand for two app instances that both receive every request (a platform's
    // retry reaching another instance while the first is still committing).
    const [a, b] = [new IngestWriter(async () => db), new IngestWriter(async () => db)];
    const parsed = parseEvents(events);
    const outcomes: string[][] = [];
    for (let i = 0; i < parsed.length; i += 25) {
      const item = { workspaceId: "twice", sourceId: null, receivedAt: new Date(), events: parsed.slice(i, i + 25) };
      const [x, y] = await Promise.all([a.submit(item), b.submit({ ...item })]);
      x.forEach((o, j) => outcomes.push([o, y[j]].sort()));
    }
    // Each event: one instance applied it (or found it stale), the other saw a duplicate.
    for (const pair of outcomes) expect(pair.filter((o) => o === "duplicate")).toHaveLength(1);
    expect(await snapshot(db, "twice")).toEqual(await snapshot(db, "twice-serial"));
    const [{ logged, keys }] = await query<{ logged: number; keys: number }>(
      db.prisma,
      `SELECT count(*)::int AS logged, count(dedup_key)::int AS keys FROM receipt_events WHERE workspace_id = 'twice'`,
    );
    expect({ logged, keys }).toEqual({ logged: 2 * parsed.length, keys: parsed.length });
  });

  it("splits a big request between lanes and answers each event in its place; small ones share the first lane", async () => {
    const writer = new IngestWriter(
      async () => db,
      () => 2,
    );
    await createWorkspace(db, "split");
    const events = Array.from({ length: 140 }, (_, i) => ev(2000 + i));
    // Positions 5 and 17 repeat events 3 and 11: duplicates, wherever their lane runs.
    const batch = [...events.slice(0, 5), events[3], ...events.slice(5, 16), events[11], ...events.slice(16)];
    const out = await writer.submit({ workspaceId: "split", sourceId: null, receivedAt: new Date(), events: batch });
    expect(out).toEqual(batch.map((_, i) => (i === 5 || i === 17 ? "duplicate" : "applied")));
    // Both lanes committed, each to its own rollup rows; together they count every delivery once.
    const shards = async (ws: string) =>
      query<{ shard: number; sent: number }>(
        db.prisma,
        `SELECT shard::int, sum(sent)::int AS sent FROM delivery_rollups WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
        [ws],
      );
    const split = await shards("split");
    if (kind === "postgres") expect(split.map((r) => r.shard)).toEqual([0, 1]);
    expect(split.reduce((n, r) => n + r.sent, 0)).toBe(140);

    await createWorkspace(db, "small");
    const small = Array.from({ length: 40 }, (_, i) => ev(3000 + i));
    expect(await writer.submit({ workspaceId: "small", sourceId: null, receivedAt: new Date(), events: small })).toEqual(
      small.map(() => "applied"),
    );
    expect(await shards("small")).toEqual([{ shard: 0, sent: 40 }]);
  });

  it("commits a large request in parts that each stay within a transaction's lock budget", async () => {
    const writer = new IngestWriter(
      async () => db,
      () => 1,
    );
    await createWorkspace(db, "parts");
    const events = Array.from({ length: 2_500 }, (_, i) => ev(5000 + i));
    const out = await writer.submit({ workspaceId: "parts", sourceId: null, receivedAt: new Date(), events: [...events, events[7]] });
    expect(out.slice(0, 2_500)).toEqual(Array(2_500).fill("applied"));
    expect(out[2_500]).toBe("duplicate");
    expect(writer.stats.commits).toBe(3);
    const [{ n }] = await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = 'parts'`);
    expect(n).toBe(2_500);
  });
});
