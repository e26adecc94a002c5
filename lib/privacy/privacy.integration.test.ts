import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as eventsPOST } from "@/app/api/v1/events/route";
import { POST as webhookPOST } from "@/app/api/webhooks/[sourceId]/route";
import { setDb } from "../db/client";
import { query } from "../db/sql";
import { setIngestWriter } from "../ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { provisionFixtures, SECRET, TOKEN, OTHER_TOKEN } from "../testing/fixtures";
import { bearer, signedWebhook } from "../testing/http";
import { coarseRollups, ingest, recomputedRollups, snapshot } from "../testing/ingest";
import { rowsMentioning } from "../testing/scan";
import { forgetSource } from "../webhooks/sources";
import { eraseRecipient } from "./erase-recipient";
import { isPseudonym, pseudonym } from "./pseudonymise";
import { applyRetention, scheduleRetention } from "./retention";
import { forgetPseudonymKey, memberRecipientId, updatePrivacySettings } from "./settings";
import { unseal } from "../crypto/secret-box";

const BASE = "http://localhost:3000";
const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const hook = (body: object) =>
  webhookPOST(signedWebhook(`${BASE}/api/webhooks/acme-gen`, SECRET, JSON.stringify(body)), {
    params: Promise.resolve({ sourceId: "acme-gen" }),
  });
const batch = (token: string, lines: object[]) =>
  eventsPOST(
    bearer(`${BASE}/api/v1/events`, token, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: lines.map((l) => JSON.stringify(l)).join("\n"),
    }),
    { params: Promise.resolve({}) },
  );

describe.each(DATABASE_KINDS)("privacy on %s", (kind) => {
  let db: TestDb;
  let key: Buffer;
  const P = (id: string) => pseudonym(key, id);

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    forgetPseudonymKey();
    await provisionFixtures(db);
  });
  afterAll(async () => {
    setDb(undefined);
    setIngestWriter(undefined);
    await db?.dispose();
  });

  it("stores no message content, whatever fields an incoming event carries", async () => {
    const secretText = "CONTENT-Your order 4711 has shipped";
    const res = await hook({
      type: "message.sent",
      id: "c-1",
      occurredAt: ago(10),
      message: { id: "cm-1", kind: "support", senderId: "agent-1", conversationId: "cc-1", text: secretText },
      recipientId: "cust-1",
      body: secretText,
    });
    expect(res.status).toBe(200);
    const b = await batch(OTHER_TOKEN, [
      { type: "message.received", id: "c-2", occurredAt: ago(11), conversationId: "cc-2", senderId: "cust-2", text: secretText },
      { type: "message.read", id: "c-3", messageId: "cm-x", recipientId: "cust-2", content: { text: secretText } },
    ]);
    expect(await b.json()).toMatchObject({ accepted: 2, errors: [] });
    expect(await rowsMentioning(db, "CONTENT-")).toEqual([]);
    // The facts themselves are kept.
    const logged = await query<{ payload: { message: object } }>(
      db.prisma,
      `SELECT payload FROM receipt_events WHERE idempotency_key = 'c-1'`,
    );
    expect(logged[0].payload.message).toEqual({ id: "cm-1", kind: "support", senderId: "agent-1", conversationId: "cc-1" });
  });

  it("pseudonymises recipients, readers and customers before anything is stored, and analytics still join", async () => {
    await updatePrivacySettings(db, "acme", { pseudonymise: true });
    const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { id: "acme" } });
    key = Buffer.from(unseal(ws.pseudonymKeySealed!), "hex");

    // A roster member added while pseudonymisation is on stores the pseudonym of their IM id.
    await db.prisma.team.create({ data: { workspaceId: "acme", id: "ops", name: "Ops" } });
    await db.prisma.teamMember.create({
      data: {
        workspaceId: "acme",
        teamId: "ops",
        memberId: "+8613800000001",
        name: "Li Wei",
        recipientId: await memberRecipientId(db, "acme", "+8613800000001"),
      },
    });

    const phone = "+8613800000001";
    const customer = "+8613900000002";
    expect(
      (
        await hook({
          type: "message.sent",
          id: "p-1",
          occurredAt: ago(30),
          message: { id: "pa-1", kind: "announcement", announcementId: "all-hands", senderId: "mgr-1" },
          recipientId: phone,
        })
      ).status,
    ).toBe(200);
    const res = await batch(TOKEN, [
      {
        type: "message.sent",
        id: "p-2",
        occurredAt: ago(30),
        message: { id: "pc-1", kind: "campaign", campaignId: "spring", variant: "A" },
        recipientIds: [phone, "+8613800000003"],
      },
      { type: "message.read", id: "p-3", occurredAt: ago(20), messageId: "pc-1", recipientId: phone },
      { type: "message.read", id: "p-4", occurredAt: ago(20), messageId: "pa-1", recipientId: phone },
      { type: "message.received", id: "p-5", occurredAt: ago(40), conversationId: "conv-9", senderId: customer },
      {
        type: "message.sent",
        id: "p-6",
        occurredAt: ago(35),
        message: { id: "ps-1", kind: "support", senderId: "agent-1", conversationId: "conv-9" },
        recipientId: customer,
      },
      { type: "conversation.read", id: "p-7", occurredAt: ago(5), conversationId: "conv-9", readerId: customer, readUpTo: ago(6) },
      { type: "message.delivered", id: "p-8", occurredAt: ago(5), messageId: "not-yet-known", recipientId: customer },
    ]);
    expect(await res.json()).toMatchObject({ accepted: 7, errors: [] });

    // Not one row anywhere holds the clear ids (but the roster, which maps a member's pseudonym
    // to their name and IM id by design)…
    expect((await rowsMentioning(db, phone)).map((r) => r.split(":")[0])).toEqual(["team_members"]);
    expect(await rowsMentioning(db, customer)).toEqual([]);
    expect(await rowsMentioning(db, "conv-9")).toEqual([]);
    // …while our own users' ids stay in clear (scopes and per-agent reports use them).
    const senders = await query<{ sender_id: string }>(
      db.prisma,
      `SELECT DISTINCT sender_id FROM messages WHERE workspace_id = 'acme' AND sender_id IS NOT NULL ORDER BY 1`,
    );
    expect(senders.map((s) => s.sender_id)).toEqual(["agent-1", "mgr-1"]);

    const deliveries = await query<{ message_id: string; recipient_id: string; status: string }>(
      db.prisma,
      `SELECT message_id, recipient_id, status::text FROM deliveries WHERE workspace_id = 'acme' AND message_id LIKE 'p%' ORDER BY 1, 2`,
    );
    expect(deliveries).toEqual(
      [
        { message_id: "pa-1", recipient_id: P(phone), status: "read" },
        { message_id: "pc-1", recipient_id: P(phone), status: "read" },
        { message_id: "pc-1", recipient_id: P("+8613800000003"), status: "sent" },
        { message_id: "ps-1", recipient_id: P(customer), status: "read" },
      ].sort((a, b) => (a.message_id + a.recipient_id < b.message_id + b.recipient_id ? -1 : 1)),
    );
    expect(
      (await query<{ customer_id: string }>(db.prisma, `SELECT customer_id FROM conversations WHERE id = $1`, [P("conv-9")]))[0]
        .customer_id,
    ).toBe(P(customer));
    expect(
      (await query<{ reader_id: string }>(db.prisma, `SELECT reader_id FROM watermarks WHERE conversation_id = $1`, [P("conv-9")]))[0]
        .reader_id,
    ).toBe(P(customer));
    // The log keeps the pseudonymised canonical event in place of the raw body.
    const logged = await query<{ recipient_id: string; payload: Record<string, unknown> }>(
      db.prisma,
      `SELECT recipient_id, payload FROM receipt_events WHERE workspace_id = 'acme' AND idempotency_key = 'p-3'`,
    );
    expect(logged).toEqual([
      {
        recipient_id: P(phone),
        payload: { type: "message.read", id: "p-3", occurredAt: expect.any(String), messageId: "pc-1", recipientId: P(phone) },
      },
    ]);

    // Campaign analytics work on pseudonyms; the roster maps the pseudonym back to a name.
    const campaign = await query<{ sent: number; read: number }>(
      db.prisma,
      `SELECT sum(sent)::int AS sent, sum(read)::int AS read FROM delivery_rollups WHERE workspace_id = 'acme' AND campaign_id = 'spring'`,
    );
    expect(campaign).toEqual([{ sent: 2, read: 1 }]);
    const roster = await query<{ name: string; status: string }>(
      db.prisma,
      `SELECT tm.name, d.status::text FROM deliveries d JOIN team_members tm
         ON tm.workspace_id = d.workspace_id AND coalesce(tm.recipient_id, tm.member_id) = d.recipient_id
       WHERE d.workspace_id = 'acme' AND d.announcement_id = 'all-hands'`,
    );
    expect(roster).toEqual([{ name: "Li Wei", status: "read" }]);

    // Another workspace is untouched by acme's setting.
    expect(
      (
        await query<{ n: number }>(
          db.prisma,
          `SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = 'other' AND recipient_id = 'cust-2'`,
        )
      )[0].n,
    ).toBe(0);
    expect(
      (await query<{ sender_id: string }>(db.prisma, `SELECT sender_id FROM inbound_messages WHERE workspace_id = 'other'`))[0].sender_id,
    ).toBe("cust-2");
  });

  it("re-keys rosters when the setting changes and keeps pseudonyms stable across off/on", async () => {
    await updatePrivacySettings(db, "acme", { pseudonymise: false });
    expect((await db.prisma.teamMember.findFirstOrThrow({ where: { workspaceId: "acme" } })).recipientId).toBeNull();
    await updatePrivacySettings(db, "acme", { pseudonymise: true });
    expect((await db.prisma.teamMember.findFirstOrThrow({ where: { workspaceId: "acme" } })).recipientId).toBe(P("+8613800000001"));
    await hook({ type: "message.read", id: "p-9", occurredAt: ago(1), messageId: "pc-1", recipientId: "+8613800000003" });
    const d = await query<{ status: string }>(
      db.prisma,
      `SELECT status::text FROM deliveries WHERE message_id = 'pc-1' AND recipient_id = $1`,
      [P("+8613800000003")],
    );
    expect(d).toEqual([{ status: "read" }]);
  });

  it("erases one recipient: no row mentions them, clear or pseudonymised, and rollups match what remains", async () => {
    const person = "erase-me-4915112345678";
    const bystander = "keep-me-4915100000000";
    // Before pseudonymisation: stored in clear in 'other'…
    await ingest(db, "other", [
      {
        type: "message.sent",
        id: "e-1",
        occurredAt: ago(60),
        message: { id: "em-1", kind: "campaign", campaignId: "c" },
        recipientIds: [person, bystander],
      },
      { type: "message.read", id: "e-2", occurredAt: ago(50), messageId: "em-1", recipientId: person },
      { type: "message.received", id: "e-3", occurredAt: ago(70), conversationId: "ec-1", senderId: person },
      {
        type: "message.sent",
        id: "e-4",
        occurredAt: ago(65),
        message: { id: "em-2", kind: "support", senderId: "agent-2", conversationId: "ec-1" },
        recipientId: person,
      },
      { type: "conversation.read", id: "e-5", occurredAt: ago(30), conversationId: "ec-1", readerId: person, readUpTo: ago(31) },
      { type: "message.delivered", id: "e-6", occurredAt: ago(30), messageId: "unknown-yet", recipientId: person },
      // A chat named after the customer, as WhatsApp does.
      { type: "message.received", id: "e-10", occurredAt: ago(70), conversationId: person, senderId: person },
      {
        type: "message.sent",
        id: "e-11",
        occurredAt: ago(65),
        message: { id: "em-5", kind: "support", senderId: "agent-2", conversationId: person },
        recipientId: person,
      },
    ]);
    await db.prisma.teamMember.create({ data: { workspaceId: "other", teamId: "t", memberId: person, name: "Erika Muster" } });
    // …and in 'acme', once in clear (before pseudonymisation was on, simulated by turning it off) and once as pseudonym.
    await updatePrivacySettings(db, "acme", { pseudonymise: false });
    await ingest(db, "acme", [{ type: "message.sent", id: "e-7", occurredAt: ago(60), message: { id: "em-3" }, recipientId: person }]);
    await updatePrivacySettings(db, "acme", { pseudonymise: true });
    await ingest(db, "acme", [
      {
        type: "message.sent",
        id: "e-8",
        occurredAt: ago(60),
        message: { id: "em-4", campaignId: "spring" },
        recipientIds: [person, bystander],
      },
      { type: "message.read", id: "e-9", occurredAt: ago(40), messageId: "em-4", recipientId: person },
    ]);
    expect((await rowsMentioning(db, person)).length).toBeGreaterThan(0);
    expect((await rowsMentioning(db, P(person))).length).toBeGreaterThan(0);

    const other = await eraseRecipient(db, "other", person);
    expect(other).toMatchObject({
      deliveries: 3,
      waitingReceipts: 1,
      watermarks: 1,
      inboundMessages: 2,
      conversations: 2,
      rosterEntries: 1,
    });
    const acme = await eraseRecipient(db, "acme", person);
    expect(acme.deliveries).toBe(2);

    expect(await rowsMentioning(db, person)).toEqual([]);
    expect(await rowsMentioning(db, P(person))).toEqual([]);
    // The bystander of the group sends keeps everything, and aggregates equal what remains.
    expect((await query(db.prisma, `SELECT 1 FROM deliveries WHERE recipient_id IN ($1, $2)`, [bystander, P(bystander)])).length).toBe(2);
    expect((await rowsMentioning(db, bystander)).some((r) => r.startsWith("receipt_events"))).toBe(true);
    for (const ws of ["acme", "other"]) {
      const { rollups, coarse } = await snapshot(db, ws);
      expect(rollups).toEqual(await recomputedRollups(db, ws));
      expect(coarse).toEqual(await coarseRollups(db, ws));
    }
    // The health counter of parked receipts still equals what is parked.
    const health = await query<{ waiting: number; parked: number }>(
      db.prisma,
      `SELECT sum(waiting)::int AS waiting, (SELECT count(*)::int FROM waiting_receipts WHERE workspace_id = 'other') AS parked
       FROM source_stats WHERE workspace_id = 'other' AND source_id = ''`,
    );
    expect(health[0].waiting).toBe(health[0].parked);
  });

  it("retention deletes raw events older than N days in batches; delivery state and rollups stay", async () => {
    await ingest(db, "other", [
      { type: "message.sent", id: "r-1", occurredAt: ago(60 * 24 * 40), message: { id: "rm-1" }, recipientId: "r-a" },
      { type: "message.read", id: "r-2", occurredAt: ago(60 * 24 * 39), messageId: "rm-1", recipientId: "r-a" },
      { type: "message.delivered", id: "r-3", occurredAt: ago(60 * 24 * 39), messageId: "rm-never", recipientId: "r-a" },
    ]);
    // Make them old: they arrived 40 days ago.
    await query(
      db.prisma,
      `UPDATE receipt_events SET received_at = now() - interval '40 days' WHERE idempotency_key IN ('r-1', 'r-2', 'r-3')`,
    );
    await query(db.prisma, `UPDATE waiting_receipts SET received_at = now() - interval '40 days' WHERE event_key = 'r-3'`);
    const before = await snapshot(db, "other");
    const total = async () =>
      (await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM receipt_events WHERE workspace_id = 'other'`))[0].n;
    const n0 = await total();

    // No retention period: nothing happens.
    expect(await applyRetention(db)).toEqual([]);
    await updatePrivacySettings(db, "other", { retentionDays: 30 });
    const [r] = await applyRetention(db, { batchSize: 2 });
    expect(r).toMatchObject({ workspaceId: "other", events: 3, waiting: 1, more: false });
    expect(await total()).toBe(n0 - 3);
    expect(await snapshot(db, "other")).toEqual(before);
    expect(await query(db.prisma, `SELECT 1 FROM receipt_events WHERE idempotency_key LIKE 'r-%'`)).toEqual([]);
    // Bounded: a run stops after maxBatches and says there is more.
    await query(db.prisma, `UPDATE receipt_events SET received_at = now() - interval '31 days' WHERE workspace_id = 'other'`);
    const [partial] = await applyRetention(db, { batchSize: 1, maxBatches: 2 });
    expect(partial).toMatchObject({ events: 2, more: true });
    // acme has no retention period: untouched.
    expect(
      (await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM receipt_events WHERE workspace_id = 'acme'`))[0].n,
    ).toBeGreaterThan(0);
    expect(isPseudonym(P("x"))).toBe(true);
  });

  it("runs retention periodically inside the server", async () => {
    await ingest(db, "other", [{ type: "message.sent", id: "t-1", message: { id: "tm-1" }, recipientId: "t-a" }]);
    await query(db.prisma, `UPDATE receipt_events SET received_at = now() - interval '40 days' WHERE idempotency_key = 't-1'`);
    const stop = scheduleRetention(async () => db, { firstAfterMs: 10, everyMs: 50 });
    try {
      await expect
        .poll(async () => (await query(db.prisma, `SELECT 1 FROM receipt_events WHERE idempotency_key = 't-1'`)).length, { timeout: 5_000 })
        .toBe(0);
    } finally {
      await stop();
    }
  });
});
