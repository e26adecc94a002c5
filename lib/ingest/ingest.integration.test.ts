import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../db/sql";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest, coarseRollups, recomputedRollups, snapshot } from "../testing/ingest";
import { disorder, generateScenario } from "../simulator/scenario";

const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 9, 0) + min * 60_000).toISOString();
const sent = (id: string, msg: string, r: string, min: number, extra: object = {}) => ({
  type: "message.sent",
  id,
  occurredAt: at(min),
  message: { id: msg, kind: "campaign", campaignId: "spring", variant: "A", title: "Spring sale", ...extra },
  recipientId: r,
});
const receipt = (type: string, id: string, msg: string, r: string, min: number, extra: object = {}) => ({
  type,
  id,
  occurredAt: at(min),
  messageId: msg,
  recipientId: r,
  ...extra,
});

describe.each(DATABASE_KINDS)("ingestion semantics on %s", (kind) => {
  let db: TestDb;
  let n = 0;
  // Each test gets its own workspace inside the shared database.
  const ws = async () => {
    const id = `ws${++n}`;
    await createWorkspace(db, id);
    return id;
  };
  const delivery = async (w: string, m: string, r: string) =>
    (
      await query<Record<string, unknown>>(
        db.prisma,
        `SELECT status::text AS status, sent_at, delivered_at, read_at, failed_at, error_code, read_by_watermark FROM deliveries
         WHERE workspace_id = $1 AND message_id = $2 AND recipient_id = $3`,
        [w, m, r],
      )
    )[0];

  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("applies sent → delivered → read and keeps event and arrival times", async () => {
    const w = await ws();
    const outcomes = await ingest(db, w, [
      sent("e1", "m1", "u1", 0),
      receipt("message.delivered", "e2", "m1", "u1", 1),
      receipt("message.read", "e3", "m1", "u1", 5),
    ]);
    expect(outcomes).toEqual(["applied", "applied", "applied"]);
    expect(await delivery(w, "m1", "u1")).toMatchObject({
      status: "read",
      sent_at: new Date(at(0)),
      delivered_at: new Date(at(1)),
      read_at: new Date(at(5)),
    });
    const log = await query<{ occurred_at: Date; received_at: Date; time_source: string }>(
      db.prisma,
      `SELECT occurred_at, received_at, time_source FROM receipt_events WHERE workspace_id = $1 ORDER BY id`,
      [w],
    );
    expect(log).toHaveLength(3);
    expect(log[2].occurred_at).toEqual(new Date(at(5)));
    expect(log[2].received_at.getTime()).toBeGreaterThan(new Date(at(5)).getTime());
    expect(log[2].time_source).toBe("platform");
  });

  it("never moves a status backwards and counts a late delivered as out of order", async () => {
    const w = await ws();
    await ingest(db, w, [sent("e1", "m1", "u1", 0), receipt("message.read", "e2", "m1", "u1", 5)]);
    const [late] = await ingest(db, w, [receipt("message.delivered", "e3", "m1", "u1", 1)]);
    expect(late).toBe("applied"); // it fills the delivered time...
    expect(await delivery(w, "m1", "u1")).toMatchObject({ status: "read", delivered_at: new Date(at(1)) }); // ...without lowering the status
    const [stale] = await ingest(db, w, [receipt("message.delivered", "e4", "m1", "u1", 2)]);
    expect(stale).toBe("stale");
    const [stats] = await query<{ out_of_order: number }>(
      db.prisma,
      `SELECT sum(out_of_order)::int AS out_of_order FROM source_stats WHERE workspace_id = $1`,
      [w],
    );
    expect(stats.out_of_order).toBe(2);
  });

  it("treats read without delivered as delivered, leaving the delivered time empty", async () => {
    const w = await ws();
    await ingest(db, w, [sent("e1", "m1", "u1", 0), receipt("message.read", "e2", "m1", "u1", 5)]);
    expect(await delivery(w, "m1", "u1")).toMatchObject({ status: "read", delivered_at: null });
    const [r] = await query<{ delivered: number; read: number }>(
      db.prisma,
      `SELECT sum(delivered)::int AS delivered, sum(read)::int AS read FROM delivery_rollups WHERE workspace_id = $1`,
      [w],
    );
    expect(r).toEqual({ delivered: 1, read: 1 });
  });

  it("recognises duplicates within a batch and across batches, logs them, applies them once", async () => {
    const w = await ws();
    const e = [sent("e1", "m1", "u1", 0), receipt("message.read", "e2", "m1", "u1", 5)];
    expect(await ingest(db, w, [...e, e[1]])).toEqual(["applied", "applied", "duplicate"]);
    expect(await ingest(db, w, e)).toEqual(["duplicate", "duplicate"]);
    const [r] = await query<{ sent: number; read: number }>(
      db.prisma,
      `SELECT sum(sent)::int AS sent, sum(read)::int AS read FROM delivery_rollups WHERE workspace_id = $1`,
      [w],
    );
    expect(r).toEqual({ sent: 1, read: 1 });
    const outcomes = await query<{ outcome: string; n: number }>(
      db.prisma,
      `SELECT outcome::text, count(*)::int AS n FROM receipt_events WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [w],
    );
    expect(outcomes).toEqual([
      { outcome: "applied", n: 2 },
      { outcome: "duplicate", n: 3 },
    ]);
  });

  it("keeps receipts for unknown messages and applies them when the message arrives", async () => {
    const w = await ws();
    expect(await ingest(db, w, [receipt("message.delivered", "e1", "m9", "u1", 1), receipt("message.read", "e2", "m9", "u1", 3)])).toEqual([
      "waiting",
      "waiting",
    ]);
    expect(await delivery(w, "m9", "u1")).toBeUndefined();
    expect(await ingest(db, w, [sent("e3", "m9", "u1", 0)])).toEqual(["applied"]);
    expect(await delivery(w, "m9", "u1")).toMatchObject({ status: "read", delivered_at: new Date(at(1)), read_at: new Date(at(3)) });
    const left = await query(db.prisma, `SELECT * FROM waiting_receipts WHERE workspace_id = $1`, [w]);
    expect(left).toEqual([]);
    const log = await query<{ outcome: string }>(
      db.prisma,
      `SELECT outcome::text FROM receipt_events WHERE workspace_id = $1 ORDER BY id`,
      [w],
    );
    expect(log.map((l) => l.outcome)).toEqual(["applied", "applied", "applied"]);
  });

  it("lets delivered or read override failed, and records a failure after delivery without lowering it", async () => {
    const w = await ws();
    const err = { error: { code: "131049", title: "ecosystem" } };
    await ingest(db, w, [sent("a1", "m1", "u1", 0), receipt("message.failed", "a2", "m1", "u1", 1, err)]);
    expect(await delivery(w, "m1", "u1")).toMatchObject({ status: "failed", error_code: "131049" });
    await ingest(db, w, [receipt("message.delivered", "a3", "m1", "u1", 2)]);
    expect(await delivery(w, "m1", "u1")).toMatchObject({ status: "delivered", error_code: "131049" });
    await ingest(db, w, [
      sent("b1", "m2", "u1", 0),
      receipt("message.delivered", "b2", "m2", "u1", 1),
      receipt("message.failed", "b3", "m2", "u1", 2, err),
    ]);
    expect(await delivery(w, "m2", "u1")).toMatchObject({ status: "delivered", failed_at: new Date(at(2)) });
    const [r] = await query<{ failed: number; delivered: number }>(
      db.prisma,
      `SELECT sum(failed)::int AS failed, sum(delivered)::int AS delivered FROM delivery_rollups WHERE workspace_id = $1`,
      [w],
    );
    expect(r).toEqual({ failed: 0, delivered: 2 });
  });

  it("records arrival time as event time when the platform gives none", async () => {
    const w = await ws();
    const before = Date.now();
    await ingest(db, w, [sent("e1", "m1", "u1", 0), { type: "message.delivered", id: "e2", messageId: "m1", recipientId: "u1" }]);
    const [row] = await query<{ occurred_at: Date; time_source: string }>(
      db.prisma,
      `SELECT occurred_at, time_source FROM receipt_events WHERE workspace_id = $1 AND idempotency_key = 'e2'`,
      [w],
    );
    expect(row.time_source).toBe("received");
    expect(row.occurred_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("creates one delivery per group member and counts read-by-N-of-M from them", async () => {
    const w = await ws();
    const members = Array.from({ length: 10 }, (_, i) => `member-${i}`);
    await ingest(db, w, [
      {
        type: "message.sent",
        id: "g1",
        occurredAt: at(0),
        message: { id: "ann", kind: "announcement", announcementId: "a1", title: "Release" },
        recipientIds: members,
      },
      ...members.slice(0, 7).map((m, i) => receipt("message.read", `r${i}`, "ann", m, 10 + i)),
    ]);
    const rows = await query<{ status: string; n: number }>(
      db.prisma,
      `SELECT status::text, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [w],
    );
    expect(rows).toEqual([
      { status: "read", n: 7 },
      { status: "sent", n: 3 },
    ]);
  });

  it("expands a watermark to exactly the reader's deliveries sent up to it, whichever arrives first", async () => {
    const w = await ws();
    const msg = (id: string, m: string, r: string, min: number) => ({
      type: "message.sent",
      id,
      occurredAt: at(min),
      message: { id: m, kind: "support", conversationId: "c1", senderId: "agent" },
      recipientId: r,
    });
    const mark = { type: "conversation.read", id: "wm1", occurredAt: at(20), conversationId: "c1", readerId: "cust", readUpTo: at(10) };
    // Before: m1 (t0) and m2 (t10) to the reader, m3 (t0) to someone else, m4 (t11) after the mark.
    await ingest(db, w, [
      msg("s1", "m1", "cust", 0),
      msg("s2", "m2", "cust", 10),
      msg("s3", "m3", "other", 0),
      msg("s4", "m4", "cust", 11),
    ]);
    expect(await ingest(db, w, [mark])).toEqual(["applied"]);
    // After: a message sent before the mark but registered late is covered too.
    await ingest(db, w, [msg("s5", "m5", "cust", 5)]);
    const rows = await query<{ message_id: string; status: string; read_at: Date | null; read_by_watermark: boolean }>(
      db.prisma,
      `SELECT message_id, status::text, read_at, read_by_watermark FROM deliveries WHERE workspace_id = $1 ORDER BY message_id`,
      [w],
    );
    expect(rows.map((r) => [r.message_id, r.status])).toEqual([
      ["m1", "read"],
      ["m2", "read"],
      ["m3", "sent"],
      ["m4", "sent"],
      ["m5", "read"],
    ]);
    expect(rows[0]).toMatchObject({ read_at: new Date(at(20)), read_by_watermark: true });
    expect(await ingest(db, w, [{ ...mark, id: "wm1-copy" }])).toEqual(["stale"]);
  });

  it("records inbound customer messages and conversations for response times", async () => {
    const w = await ws();
    await ingest(db, w, [
      { type: "message.received", id: "i1", occurredAt: at(0), conversationId: "c1", senderId: "cust" },
      {
        type: "message.sent",
        id: "o1",
        occurredAt: at(4),
        message: { id: "r1", kind: "support", conversationId: "c1", senderId: "agent" },
        recipientId: "cust",
      },
      { type: "message.received", id: "i2", occurredAt: at(9), conversationId: "c1", senderId: "cust" },
    ]);
    const [c] = await query<Record<string, unknown>>(
      db.prisma,
      `SELECT customer_id, first_inbound_at, last_inbound_at, last_outbound_at FROM conversations WHERE workspace_id = $1`,
      [w],
    );
    expect(c).toEqual({
      customer_id: "cust",
      first_inbound_at: new Date(at(0)),
      last_inbound_at: new Date(at(9)),
      last_outbound_at: new Date(at(4)),
    });
    // Stored inbound messages are applied; a repeat is a duplicate.
    expect(
      await ingest(db, w, [{ type: "message.received", id: "i2", occurredAt: at(9), conversationId: "c1", senderId: "cust" }]),
    ).toEqual(["duplicate"]);
    expect(
      await query(db.prisma, `SELECT idempotency_key AS key, outcome::text FROM receipt_events WHERE workspace_id = $1 ORDER BY id`, [w]),
    ).toEqual([
      { key: "i1", outcome: "applied" },
      { key: "o1", outcome: "applied" },
      { key: "i2", outcome: "applied" },
      { key: "i2", outcome: "duplicate" },
    ]);
  });

  it("ends a shuffled stream with duplicates in exactly the in-order state, rollups included", async () => {
    const events = generateScenario({
      seed: 3,
      now: new Date("2026-11-20T00:00:00Z"),
      days: 3,
      campaigns: 2,
      recipientsPerCampaign: 300,
      announcements: 2,
      conversations: 20,
    });
    const inOrder = await ws();
    const shuffled = await ws();
    await ingest(db, inOrder, events);
    const messy = disorder(events, { duplicates: 0.1, window: Infinity }, 11);
    expect(messy.length).toBeGreaterThan(events.length);
    const outcomes = await ingest(db, shuffled, messy, { batch: 97 });
    expect(outcomes.filter((o) => o === "duplicate").length).toBe(messy.length - events.length);
    const a = await snapshot(db, inOrder);
    const b = await snapshot(db, shuffled);
    expect(a.deliveries.length).toBeGreaterThan(600);
    // The stream exercises every rule: watermark reads, failures, pending and read deliveries.
    const rows = a.deliveries as { status: string; read_by_watermark: boolean }[];
    expect(rows.filter((d) => d.read_by_watermark).length).toBeGreaterThan(5);
    expect(new Set(rows.map((d) => d.status))).toEqual(new Set(["sent", "delivered", "read", "failed"]));
    expect(b).toEqual(a);
    expect(await query(db.prisma, `SELECT count(*)::int AS n FROM waiting_receipts WHERE workspace_id = $1`, [shuffled])).toEqual([
      { n: 0 },
    ]);
  });

  it("gives a delivery known only from its receipts its message's first send time, whichever registration comes last", async () => {
    // m1 is sent to u1 at 09:00 and to u2 at 09:04; u3 is never registered, only reported.
    const events = [
      sent("r1", "rm1", "u1", 0),
      sent("r2", "rm1", "u2", 4),
      receipt("message.delivered", "r3", "rm1", "u3", 6),
      receipt("message.read", "r4", "rm1", "u3", 7),
    ];
    const inOrder = await ws();
    const late = await ws();
    for (const e of events) await ingest(db, inOrder, [e]);
    for (const e of [events[1], events[2], events[3], events[0]]) await ingest(db, late, [e]);
    const a = await snapshot(db, inOrder);
    expect(await snapshot(db, late)).toEqual(a);
    const [u3] = await query<{ cohort_at: Date }>(
      db.prisma,
      `SELECT cohort_at FROM deliveries WHERE workspace_id = $1 AND recipient_id = 'u3'`,
      [late],
    );
    expect(u3.cohort_at.toISOString()).toBe(at(0));
    expect(a.rollups).toEqual(await recomputedRollups(db, late));
  });

  it("takes back a watermark read when the delivery's own later send time shows the watermark never covered it", async () => {
    const support = { kind: "support", conversationId: "wc1", senderId: "agent", campaignId: null, variant: null };
    const s1 = sent("w1", "wm1", "u1", 0, support);
    const mark = { type: "conversation.read", id: "w2", occurredAt: at(3), conversationId: "wc1", readerId: "u2", readUpTo: at(2) };
    const s2 = sent("w3", "wm1", "u2", 5, support);
    const d2 = receipt("message.delivered", "w4", "wm1", "u2", 6);
    const r2 = receipt("message.read", "w5", "wm1", "u2", 8);
    const inOrder = await ws();
    const late = await ws();
    for (const e of [s1, mark, s2, d2, r2]) await ingest(db, inOrder, [e]);
    // u2's delivery is known from its receipts first (cohort: the message's 09:00, which the
    // watermark covers, and its read at 09:03 beats the read at 09:08); its own send comes last.
    for (const e of [s1, d2, r2, mark]) await ingest(db, late, [e]);
    expect(await delivery(late, "wm1", "u2")).toMatchObject({ status: "read", read_by_watermark: true });
    await ingest(db, late, [s2]);
    expect(await delivery(late, "wm1", "u2")).toMatchObject({ status: "read", read_at: new Date(at(8)), read_by_watermark: false });
    expect(await snapshot(db, late)).toEqual(await snapshot(db, inOrder));
    expect((await snapshot(db, late)).rollups).toEqual(await recomputedRollups(db, late));
  });

  it("ends in the same state whatever the arrival order and batching of a tangled conversation", async () => {
    const conv = { kind: "support", conversationId: "fc1", senderId: "agent", campaignId: null, variant: null };
    const send = (id: string, m: string, r: string[], min: number) => ({
      ...sent(id, m, r[0], min, conv),
      recipientId: undefined,
      recipientIds: r,
    });
    const mark = (id: string, min: number, upTo: number, reader: string) => ({
      type: "conversation.read",
      id,
      occurredAt: at(min),
      conversationId: "fc1",
      readerId: reader,
      readUpTo: at(upTo),
    });
    const events = [
      send("f1", "fm1", ["u1"], 0),
      send("f2", "fm1", ["u2"], 4),
      send("f3", "fm2", ["u1", "u2"], 10),
      receipt("message.delivered", "f4", "fm1", "u1", 1),
      receipt("message.read", "f5", "fm1", "u1", 12),
      receipt("message.failed", "f6", "fm2", "u2", 11, { error: { code: "131049", title: "Not delivered" } }),
      receipt("message.delivered", "f7", "fm2", "u2", 13),
      receipt("message.read", "f8", "fm1", "u2", 15),
      receipt("message.delivered", "f9", "fm2", "u3", 12),
      receipt("message.read", "f10", "fm2", "u3", 14),
      receipt("message.read", "f11", "fm1", "u1", 2),
      receipt("message.failed", "f12", "fm1", "u2", 5, { error: { code: "x", title: "y" } }),
      mark("f13", 16, 12, "u3"),
      mark("f14", 3, 2, "u1"),
      mark("f15", 20, 10, "u2"),
      mark("f16", 8, 3, "u3"),
      { type: "message.received", id: "f17", occurredAt: at(5), conversationId: "fc1", senderId: "u1" },
      // u4 is reported before its own send, which comes after the message's first; a watermark
      // covers the message's first send but not u4's; u4's own read comes after the watermark's.
      receipt("message.delivered", "f18", "fm1", "u4", 7),
      send("f19", "fm1", ["u4"], 6),
      mark("f20", 6.5, 5, "u4"),
      receipt("message.read", "f21", "fm1", "u4", 9),
      // fm3's first send arrives after a later one; u6 is known from receipts only.
      send("f22", "fm3", ["u5"], 2),
      send("f23", "fm3", ["u5"], 1),
      receipt("message.read", "f24", "fm3", "u6", 3),
      mark("f25", 4, 1.5, "u6"),
    ];
    const inOrder = await ws();
    for (const e of events) await ingest(db, inOrder, [e]);
    const expected = await snapshot(db, inOrder);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 25; round++) {
      const order = events
        .map((e) => ({ e, k: random() }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.e);
      const w = await ws();
      for (let i = 0; i < order.length;) {
        const n = 1 + Math.floor(random() * 3);
        await ingest(db, w, order.slice(i, (i += n)));
      }
      const got = await snapshot(db, w);
      expect({ round, ...got }).toEqual({ round, ...expected });
    }
  });

  it("keeps rollups equal to a from-scratch recomputation over delivery state", async () => {
    const w = await ws();
    const events = generateScenario({
      seed: 5,
      now: new Date("2026-11-20T00:00:00Z"),
      days: 2,
      campaigns: 2,
      recipientsPerCampaign: 200,
      announcements: 2,
      conversations: 15,
    });
    await ingest(db, w, disorder(events, { duplicates: 0.05, window: 200, dropDelivered: 0.2, late: 0.05 }, 3), { batch: 64 });
    const { rollups, coarse } = await snapshot(db, w);
    expect(rollups).toEqual(await recomputedRollups(db, w));
    // The coarse tables hold exactly the fine ones summed over the dimensions (and times) they drop.
    expect(coarse).toEqual(await coarseRollups(db, w));
    for (const rows of Object.values(coarse)) expect(rows.length).toBeGreaterThan(0);
    // Every grain of the coarse tables is written.
    expect(new Set(coarse.grains.map((r) => (r as { minutes: number }).minutes))).toEqual(new Set([60, 1440, 10080]));
    // The unread follow-up list's column: the cohort time of exactly the unread support deliveries.
    const [unread] = await query<{ wrong: number; unread: number; read: number }>(
      db.prisma,
      `SELECT count(*) FILTER (WHERE support_unread_at IS DISTINCT FROM
           CASE WHEN kind = 'support' AND status IN ('sent', 'delivered') THEN cohort_at END)::int AS wrong,
         count(support_unread_at)::int AS unread, count(*) FILTER (WHERE kind = 'support' AND status = 'read')::int AS read
       FROM deliveries WHERE workspace_id = $1`,
      [w],
    );
    expect(unread).toEqual({ wrong: 0, unread: expect.any(Number), read: expect.any(Number) });
    expect(unread.unread).toBeGreaterThan(0);
    expect(unread.read).toBeGreaterThan(0);
  });
});

describe.each(DATABASE_KINDS)("ingestion details on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await createWorkspace(db, "w");
  });
  afterAll(async () => db?.dispose());

  it("registers campaigns, variants and announcements from the messages that name them", async () => {
    await ingest(db, "w", [
      sent("c1", "cm1", "u1", 0),
      sent("c2", "cm2", "u2", 0, { variant: "B" }),
      {
        type: "message.sent",
        id: "a1",
        occurredAt: at(0),
        message: { id: "am1", announcementId: "ann-1", title: "Release" },
        recipientId: "u1",
      },
    ]);
    expect(await query(db.prisma, `SELECT id, title FROM campaigns WHERE workspace_id = 'w'`)).toEqual([
      { id: "spring", title: "Spring sale" },
    ]);
    expect(await query(db.prisma, `SELECT variant FROM campaign_variants WHERE workspace_id = 'w' ORDER BY 1`)).toEqual([
      { variant: "A" },
      { variant: "B" },
    ]);
    expect(await query(db.prisma, `SELECT id FROM announcements WHERE workspace_id = 'w'`)).toEqual([{ id: "ann-1" }]);
  });

  it("moves existing deliveries (and their rollups) when a later registration completes the message", async () => {
    await ingest(db, "w", [{ type: "message.sent", id: "p1", occurredAt: at(0), message: { id: "pm1" }, recipientId: "u1" }]);
    await ingest(db, "w", [
      {
        type: "message.sent",
        id: "p2",
        occurredAt: at(0),
        message: { id: "pm1", kind: "support", conversationId: "pc1", senderId: "agent" },
        recipientId: "u1",
      },
      { type: "conversation.read", id: "p3", occurredAt: at(5), conversationId: "pc1", readerId: "u1", readUpTo: at(1) },
    ]);
    const [d] = await query<Record<string, unknown>>(
      db.prisma,
      `SELECT kind::text, conversation_id, status::text FROM deliveries WHERE message_id = 'pm1'`,
    );
    expect(d).toEqual({ kind: "support", conversation_id: "pc1", status: "read" });
    const rows = await query(
      db.prisma,
      `SELECT kind::text, sum(sent)::int AS sent FROM delivery_rollups WHERE workspace_id = 'w' AND sender_id = 'agent' OR (workspace_id = 'w' AND kind = 'direct') GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { kind: "direct", sent: 0 },
      { kind: "support", sent: 1 },
    ]);
  });

  it("counts receipts waiting for their message per source, and counts them down when applied", async () => {
    await ingest(db, "w", [receipt("message.read", "wt1", "wm9", "u1", 3)], { sourceId: "src-a" });
    const waiting = async () =>
      (
        await query<{ waiting: number }>(
          db.prisma,
          `SELECT sum(waiting)::int AS waiting FROM source_stats WHERE workspace_id = 'w' AND source_id = 'src-a'`,
        )
      )[0].waiting;
    expect(await waiting()).toBe(1);
    await ingest(db, "w", [sent("wt2", "wm9", "u1", 0)], { sourceId: "src-b" });
    expect(await waiting()).toBe(0);
  });
});
