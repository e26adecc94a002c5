import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookPOST } from "./webhooks/[sourceId]/route";
import { POST as eventsPOST } from "./v1/events/route";
import { GET as overviewGET } from "./v1/stats/overview/route";
import { GET as messageGET } from "./v1/messages/[id]/route";
import { setDb } from "@/lib/db/client";
import { query } from "@/lib/db/sql";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { OTHER_TOKEN, provisionFixtures, SECRET, TOKEN } from "@/lib/testing/fixtures";
import { bearer, signedWebhook } from "@/lib/testing/http";
import { forgetSource } from "@/lib/webhooks/sources";

const BASE = "http://localhost:3000";
const hook = (sourceId: string, req: Request) => webhookPOST(req, { params: Promise.resolve({ sourceId }) });
const events = (req: Request) => eventsPOST(req, { params: Promise.resolve({}) });
const overview = (req: Request) => overviewGET(req, { params: Promise.resolve({}) });
const message = (id: string, req: Request) => messageGET(req, { params: Promise.resolve({ id }) });

const now = () => new Date().toISOString();
const sentEvent = (id: string, m: string, r: string) => ({
  type: "message.sent",
  id,
  occurredAt: now(),
  message: { id: m, kind: "campaign", campaignId: "c1", variant: "A" },
  recipientId: r,
});
const readEvent = (id: string, m: string, r: string) => ({ type: "message.read", id, occurredAt: now(), messageId: m, recipientId: r });

describe.each(DATABASE_KINDS)("public API on %s", (kind) => {
  let db: TestDb;
  const count = async (table: string) => (await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    await provisionFixtures(db);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  describe("POST /api/webhooks/{sourceId} (generic)", () => {
    it("stores a signed event and acknowledges it; a retry is a duplicate", async () => {
      const body = JSON.stringify(sentEvent("w-1", "wm-1", "u1"));
      const res = await hook("acme-gen", signedWebhook(`${BASE}/api/webhooks/acme-gen`, SECRET, body, { id: "msg_retry_1" }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
      const retry = await hook("acme-gen", signedWebhook(`${BASE}/api/webhooks/acme-gen`, SECRET, body, { id: "msg_retry_1" }));
      expect(await retry.json()).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
      const rows = await query<{ source_id: string }>(db.prisma, `SELECT source_id FROM deliveries WHERE message_id = 'wm-1'`);
      expect(rows).toEqual([{ source_id: "acme-gen" }]);
    });

    it("rejects bad signatures, stale timestamps and tampered bodies with 401, storing nothing", async () => {
      const before = await count("receipt_events");
      const body = JSON.stringify(readEvent("w-x", "wm-1", "u1"));
      const wrong = await hook("acme-gen", signedWebhook(`${BASE}/x`, "whsec_" + Buffer.alloc(24, 9).toString("base64"), body));
      const stale = await hook("acme-gen", signedWebhook(`${BASE}/x`, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
      const good = signedWebhook(`${BASE}/x`, SECRET, body);
      const tampered = await hook(
        "acme-gen",
        new Request(good.url, { method: "POST", headers: good.headers, body: body.replace("u1", "u2") }),
      );
      const unsigned = await hook(
        "acme-gen",
        new Request(`${BASE}/x`, { method: "POST", headers: { "content-type": "application/json" }, body }),
      );
      for (const res of [wrong, stale, tampered, unsigned]) {
        expect(res.status).toBe(401);
        expect((await res.json()).error.code).toBe("unauthorized");
      }
      expect(await count("receipt_events")).toBe(before);
      const [stats] = await query<{ signature_failures: number }>(
        db.prisma,
        `SELECT sum(signature_failures)::int AS signature_failures FROM source_stats WHERE source_id = 'acme-gen'`,
      );
      expect(stats.signature_failures).toBe(4);
    });

    it("answers malformed bodies with 400 saying what and where, and stores nothing of them", async () => {
      const before = await count("receipt_events");
      const broken = await hook("acme-gen", signedWebhook(`${BASE}/x`, SECRET, '{"type": "message.read",'));
      expect(broken.status).toBe(400);
      expect((await broken.json()).error.message).toMatch(/not valid JSON/);
      const invalid = await hook(
        "acme-gen",
        signedWebhook(
          `${BASE}/x`,
          SECRET,
          JSON.stringify([readEvent("ok", "m", "u"), { type: "message.read", id: "bad", messageId: "m" }]),
        ),
      );
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).error.message).toBe("event 2: recipientId: Invalid input: expected string, received undefined");
      expect(await count("receipt_events")).toBe(before);
    });

    it("answers unknown sources 404, wrong content types 415 and oversized bodies 413", async () => {
      const body = JSON.stringify(readEvent("e", "m", "u"));
      expect((await hook("nope", signedWebhook(`${BASE}/x`, SECRET, body))).status).toBe(404);
      expect((await hook("acme-gen", signedWebhook(`${BASE}/x`, SECRET, body, { contentType: "text/plain" }))).status).toBe(415);
      const huge = JSON.stringify({ ...readEvent("e", "m", "u"), pad: "x".repeat(1024 * 1024) });
      const res = await hook("acme-gen", signedWebhook(`${BASE}/x`, SECRET, huge));
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe("payload_too_large");
    });
  });

  describe("POST /api/v1/events", () => {
    const post = (token: string, body: string, type = "application/x-ndjson") =>
      events(bearer(`${BASE}/api/v1/events`, token, { method: "POST", body, headers: { "content-type": type } }));

    it("stores valid lines, reports bad ones by line, and counts duplicates", async () => {
      const body = [
        JSON.stringify(sentEvent("b-1", "bm-1", "u1")),
        "{oops",
        JSON.stringify(readEvent("b-2", "bm-1", "u1")),
        JSON.stringify({ type: "message.read", id: "b-3" }),
      ].join("\n");
      const res = await post(TOKEN, body);
      expect(res.status).toBe(200);
      const json = await res.json();
      expect(json).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(json.errors.map((e: { line: number }) => e.line)).toEqual([2, 4]);
      expect(await (await post(TOKEN, JSON.stringify([sentEvent("b-1", "bm-1", "u1")]), "application/json")).json()).toEqual({
        accepted: 0,
        duplicates: 1,
        errors: [],
      });
    });

    it("keeps the other lines of a batch when a failure's code is too long to index or out of PostgreSQL's range", async () => {
      const failed = (id: string, code: string) =>
        `{"type":"message.failed","id":"${id}","occurredAt":"${now()}","messageId":"cm-1","recipientId":"u1","error":{"code":${code}}}`;
      const body = [
        JSON.stringify(sentEvent("c-1", "cm-1", "u1")),
        // 3,000 bytes: over the 2,704 a btree entry of the failure indexes can hold.
        failed("c-2", JSON.stringify(Array.from({ length: 1000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(""))),
        // 0 to JavaScript, out of range for jsonb's numeric.
        failed("c-3", "1e-20000"),
        JSON.stringify(sentEvent("c-4", "cm-2", "u1")),
      ].join("\n");
      const res = await post(TOKEN, body);
      expect(res.status).toBe(200);
      const json = await res.json();
      expect(json).toMatchObject({ accepted: 3, duplicates: 0, errors: [{ line: 2, message: expect.stringMatching(/^error\.code: /) }] });
      const rows = await query<{ message_id: string; status: string; error_code: string | null }>(
        db.prisma,
        `SELECT message_id, status::text, error_code FROM deliveries WHERE message_id IN ('cm-1', 'cm-2') ORDER BY message_id`,
      );
      expect(rows).toEqual([
        { message_id: "cm-1", status: "failed", error_code: "0" },
        { message_id: "cm-2", status: "sent", error_code: null },
      ]);
      const logged = await query<{ code: unknown }>(
        db.prisma,
        `SELECT payload->'error'->'code' AS code FROM receipt_events WHERE idempotency_key = 'c-3'`,
      );
      expect(logged).toEqual([{ code: 0 }]);
    });

    it("answers a batch with no valid line with 400", async () => {
      const res = await post(TOKEN, "{bad\n{worse");
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toHaveLength(2);
    });

    it("requires a token with the ingest scope and the right content type", async () => {
      const body = JSON.stringify(sentEvent("b-9", "bm-9", "u1"));
      expect((await events(new Request(`${BASE}/api/v1/events`, { method: "POST", body }))).status).toBe(401);
      expect((await post("rk_not_a_token_at_all", body)).status).toBe(401);
      expect((await post("rk_test_token_acme_read", body)).status).toBe(403);
      expect((await post(TOKEN, body, "text/csv")).status).toBe(415);
    });
  });

  describe("read API", () => {
    it("reports overview counts for the token's workspace only", async () => {
      await post(TOKEN);
      const res = await overview(bearer(`${BASE}/api/v1/stats/overview`, TOKEN));
      const o = await res.json();
      expect(o.sent).toBeGreaterThanOrEqual(2);
      expect(o.read).toBeGreaterThanOrEqual(1);
      expect(o.pending).toBe(o.sent - o.delivered - o.failed);
      const other = await (await overview(bearer(`${BASE}/api/v1/stats/overview`, OTHER_TOKEN))).json();
      expect(other).toMatchObject({ sent: 0, deliveryRate: null, readRate: null, timeToRead: { p50: null } });
      function post(token: string) {
        return events(
          bearer(`${BASE}/api/v1/events`, token, {
            method: "POST",
            body: JSON.stringify(sentEvent("o-1", "om-1", "u1")),
            headers: { "content-type": "application/x-ndjson" },
          }),
        );
      }
    });

    it("validates filters with a clear 400", async () => {
      const res = await overview(bearer(`${BASE}/api/v1/stats/overview?tz=Mars/Olympus&kind=spam`, TOKEN));
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/tz: not an IANA time zone/);
    });

    it("shows a message's deliveries and history, and hides it from other workspaces", async () => {
      const res = await message("bm-1", bearer(`${BASE}/api/v1/messages/bm-1?tz=Asia/Kolkata`, TOKEN));
      expect(res.status).toBe(200);
      const m = await res.json();
      expect(m.deliveries).toEqual([expect.objectContaining({ recipientId: "u1", status: "read", deliveredAt: null })]);
      expect(m.deliveries[0].readAt).toMatch(/\+05:30$/);
      expect(m.history.map((h: { type: string; outcome: string }) => `${h.type}:${h.outcome}`)).toEqual([
        "message.sent:applied",
        "message.read:applied",
        "message.sent:duplicate",
      ]);
      expect((await message("bm-1", bearer(`${BASE}/api/v1/messages/bm-1`, OTHER_TOKEN))).status).toBe(404);
    });
  });
});

describe("POST /api/v1/events limits (PGlite)", () => {
  it("refuses a batch that would create more deliveries than one request may", async () => {
    const db = await freshDb("pglite");
    setDb(db);
    setIngestWriter(undefined);
    await provisionFixtures(db);
    const members = Array.from({ length: 10_000 }, (_, i) => `m${i}`);
    const lines = Array.from({ length: 21 }, (_, i) =>
      JSON.stringify({ type: "message.sent", id: `big-${i}`, occurredAt: now(), message: { id: `big-${i}` }, recipientIds: members }),
    );
    const res = await events(
      bearer(`${BASE}/api/v1/events`, TOKEN, {
        method: "POST",
        body: lines.join("\n"),
        headers: { "content-type": "application/x-ndjson" },
      }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/at most 200000 deliveries/);
    setDb(undefined);
    await db.dispose();
  });
});
