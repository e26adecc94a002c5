import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as hookGET, POST as hookPOST } from "@/app/api/webhooks/[sourceId]/route";
import { setRateLimits, TokenBuckets } from "../api/rate-limit";
import { setDb } from "../db/client";
import { query } from "../db/sql";
import { setIngestWriter } from "../ingest";
import { applyProvision } from "../provision";
import { listRejectedRequests } from "../queries/list-rejected-requests";
import { rng } from "../simulator/random";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { ingest, snapshot } from "../testing/ingest";
import { SECRETS, STREAMS, T0, hookUrl, type Recorded, type StreamPlatform } from "../testing/platform-streams";
import { sendbirdRequest, streamRequest, tencentRequest, twilioRequest, whatsappRequest, type Signed } from "../testing/platforms";
import { signedWebhook } from "../testing/http";
import { forgetSource } from "./sources";

// Every platform through the real route and the real writer, on PGlite and PostgreSQL: recorded
// streams in order vs shuffled with duplicates, watermarks, rejections.

const LOCAL = "http://localhost:3000";
const PUBLIC = "https://receipts.example.com";
const PLATFORMS = Object.keys(STREAMS) as StreamPlatform[];
const GENERIC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const sourcesFor = (ws: string) => [
  ...PLATFORMS.map((p) => ({
    id: `${ws}-${p}`,
    platform: p,
    name: p,
    secret: SECRETS[p],
    ...(p === "whatsapp" ? { verifyToken: "verify-me" } : {}),
    ...(p === "tencent" ? { appId: "1400000001" } : {}),
    // Twilio signs the public URL; the app sees localhost behind the proxy.
    ...(p === "twilio" ? { publicBaseUrl: PUBLIC } : {}),
  })),
  { id: `${ws}-generic`, platform: "generic" as const, name: "generic", secret: GENERIC_SECRET },
];

/** The URL the platform signs: the public one for Twilio, anything for the others. */
const signedUrl = (sourceId: string) => hookUrl(PUBLIC, sourceId);

/** POST as the platform would, at the recorded arrival time (the server's clock is faked). */
async function post(sourceId: string, r: { signed: Signed; at?: Date }): Promise<Response> {
  if (r.at) vi.setSystemTime(r.at);
  const url = `${hookUrl(LOCAL, sourceId)}${new URL(r.signed.url).search}`;
  return hookPOST(new Request(url, { method: "POST", headers: r.signed.headers, body: r.signed.body }), {
    params: Promise.resolve({ sourceId }),
  });
}

/** A shuffled copy with some requests delivered two or three times. */
function disorderly(list: Recorded[], seed: number): Recorded[] {
  const r = rng(seed);
  const out = r.shuffle(list);
  for (const x of list) if (r.chance(0.5)) out.splice(r.int(0, out.length), 0, x);
  return out;
}

describe.each(DATABASE_KINDS)("IM platform webhooks on %s", (kind) => {
  let db: TestDb;
  const count = async (table: string, ws: string) =>
    (await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [ws]))[0].n;
  const delivery = async (ws: string, m: string, r: string) =>
    (
      await query<Record<string, unknown>>(
        db.prisma,
        `SELECT status::text AS status, sent_at, delivered_at, read_at, failed_at, error_code, read_by_watermark, client_platform
         FROM deliveries WHERE workspace_id = $1 AND message_id = $2 AND recipient_id = $3`,
        [ws, m, r],
      )
    )[0];

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
      workspaces: ["inorder", "shuffled", "auth"].map((slug) => ({
        slug,
        name: slug,
        timezone: "UTC",
        sources: sourcesFor(slug),
        tokens: [],
      })),
    });
    // Tencent group sends carry no member list: the business system registers them.
    for (const ws of ["inorder", "shuffled"]) {
      await ingest(db, ws, [
        {
          type: "message.sent",
          id: "grp-send-7",
          occurredAt: new Date(T0 + 20_000).toISOString(),
          message: { id: "@TGS#2TTV7VSII:7", kind: "announcement", announcementId: "all-hands", conversationId: "@TGS#2TTV7VSII" },
          recipientIds: ["user_d", "user_e"],
        },
      ]);
    }
    for (const p of PLATFORMS) {
      for (const r of STREAMS[p](signedUrl(`inorder-${p}`))) expect((await post(`inorder-${p}`, r)).status, `${p} in order`).toBe(200);
      for (const r of disorderly(STREAMS[p](signedUrl(`shuffled-${p}`)), PLATFORMS.indexOf(p) + 1))
        expect((await post(`shuffled-${p}`, r)).status, `${p} shuffled`).toBe(200);
    }
  });
  afterEach(() => vi.setSystemTime(new Date()));
  afterAll(async () => {
    vi.useRealTimers();
    setRateLimits(undefined);
    setDb(undefined);
    await db?.dispose();
  });

  it("ends a shuffled, duplicated stream of every platform in the in-order state", async () => {
    const a = await snapshot(db, "inorder");
    const b = await snapshot(db, "shuffled");
    const strip = (rows: unknown[]) =>
      rows.map((r) => ({ ...(r as object), source_id: String((r as { source_id: string }).source_id).replace(/^\w+-/, "") }));
    expect(a.deliveries.length).toBeGreaterThan(25);
    expect(b.deliveries).toEqual(a.deliveries);
    expect(strip(b.rollups)).toEqual(strip(a.rollups));
    expect(strip(b.bins)).toEqual(strip(a.bins));
    const [dups] = await query<{ n: number }>(
      db.prisma,
      `SELECT sum(duplicates)::int AS n FROM source_stats WHERE workspace_id = 'shuffled'`,
    );
    expect(dups.n).toBeGreaterThan(5);
  });

  it("WhatsApp: read without delivered, late sent, delivered after failed, group participants, metadata kept", async () => {
    const at = (sec: number) => new Date(T0 + sec * 1000);
    expect(await delivery("inorder", "wamid.A1", "16505550001")).toMatchObject({
      status: "read",
      sent_at: at(0),
      delivered_at: at(15),
      read_at: at(85),
    });
    expect(await delivery("inorder", "wamid.A2", "16505550002")).toMatchObject({ status: "read", delivered_at: null, read_at: at(35) });
    expect(await delivery("inorder", "wamid.A3", "16505550003")).toMatchObject({
      status: "delivered",
      failed_at: at(45),
      error_code: "131049",
    });
    expect(await delivery("inorder", "wamid.G1", "16505550004")).toMatchObject({ status: "delivered" });
    expect(await delivery("inorder", "wamid.G1", "16505550005")).toMatchObject({ status: "read" });
    const [logged] = await query<{ payload: { status: { pricing: { category: string }; biz_opaque_callback_data: string } } }>(
      db.prisma,
      `SELECT payload FROM receipt_events WHERE workspace_id = 'inorder' AND idempotency_key = 'wa:wamid.A1:sent' AND dedup_key IS NOT NULL`,
    );
    expect(logged.payload.status).toMatchObject({ pricing: { category: "marketing" }, biz_opaque_callback_data: "spring-sale" });
    const [stats] = await query<{ duplicates: number }>(
      db.prisma,
      `SELECT sum(duplicates)::int AS duplicates FROM source_stats WHERE source_id = 'inorder-whatsapp'`,
    );
    expect(stats.duplicates).toBeGreaterThanOrEqual(2); // the second app's copy, and the late sent
  });

  it("Twilio: statuses by rank at arrival time (recorded as received), errors kept, Conversations per participant", async () => {
    expect(await delivery("inorder", "SM1", "+15550000001")).toMatchObject({
      status: "read",
      sent_at: new Date(T0 + 1000),
      read_at: new Date(T0 + 30_000),
    });
    expect(await delivery("inorder", "SM2", "+15550000002")).toMatchObject({ status: "failed", error_code: "30003" });
    expect(await delivery("inorder", "IM00000000000000000000000000000001", "MB1")).toMatchObject({
      status: "read",
      read_at: new Date(T0 + 40_000),
    });
    expect(await delivery("inorder", "IM00000000000000000000000000000001", "MB2")).toMatchObject({ status: "delivered" });
    const sources = await query<{ time_source: string }>(
      db.prisma,
      `SELECT DISTINCT time_source FROM receipt_events WHERE source_id = 'inorder-twilio' AND message_id = 'SM1'`,
    );
    expect(sources).toEqual([{ time_source: "received" }]);
  });

  it("Sendbird, Tencent C2C and Stream watermarks mark exactly the deliveries sent up to them", async () => {
    const expectRead = async (m: string, r: string, readAt: number | null) => {
      const d = await delivery("inorder", m, r);
      if (readAt === null) expect(d, `${m} → ${r}`).toMatchObject({ status: "sent", read_at: null });
      else expect(d, `${m} → ${r}`).toMatchObject({ status: "read", read_at: new Date(T0 + readAt * 1000), read_by_watermark: true });
    };
    // Sendbird: messages at 0, 60, 120 s; user_b read up to 90 s, user_c up to 30 s.
    await expectRead("101", "user_b", 90);
    await expectRead("102", "user_b", 90);
    await expectRead("103", "user_b", null);
    await expectRead("101", "user_c", 30);
    await expectRead("102", "user_c", null);
    await expectRead("103", "user_c", null);
    // Tencent C2C: k1 0 s, k2 60 s, k3 120 s to user_b; MsgReport LastReadTime 90 s, reported at 95 s.
    await expectRead("k1", "user_b", 95);
    await expectRead("k2", "user_b", 95);
    await expectRead("k3", "user_b", null);
    // Stream: s1 0 s, s2 60 s, s3 120 s; user_b marked read at 90 s, user_c at 30 s.
    await expectRead("s1", "user_b", 90);
    await expectRead("s2", "user_b", 90);
    await expectRead("s3", "user_b", null);
    await expectRead("s1", "user_c", 30);
    await expectRead("s2", "user_c", null);
  });

  it("Tencent per-message and group read receipts are per message, with the client platform", async () => {
    expect(await delivery("inorder", "k4", "user_c")).toMatchObject({
      status: "read",
      read_at: new Date(T0 + 50_000),
      read_by_watermark: false,
      client_platform: "android",
    });
    expect(await delivery("inorder", "@TGS#2TTV7VSII:7", "user_d")).toMatchObject({ status: "read", client_platform: "web" });
    expect(await delivery("inorder", "@TGS#2TTV7VSII:7", "user_e")).toMatchObject({ status: "sent" });
  });

  it("rejects wrong secrets, tampered bodies, a stale Tencent RequestTime and a stale Standard Webhooks timestamp with 401, storing nothing", async () => {
    const now = new Date(T0 + 3600_000);
    vi.setSystemTime(now);
    const sec = Math.floor(now.getTime() / 1000);
    const wa =
      '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"p"},"statuses":[{"id":"wamid.X","status":"read","timestamp":"1","recipient_id":"1"}]}}]}]}';
    const sb = '{"category":"group_channel:message_read","channel":{"channel_url":"c"},"read_updates":[{"user_id":"u","read_ts":1}]}';
    const st = '{"type":"message.read","cid":"m:c","user":{"id":"u"},"created_at":"2026-11-20T09:00:00Z"}';
    const tc = '{"CallbackCommand":"C2C.CallbackAfterMsgReport","Report_Account":"u","Peer_Account":"a","LastReadTime":1,"EventTime":1}';
    const tw = { MessageSid: "SMX", MessageStatus: "read", To: "+1555" };
    const tamper = (s: Signed): Signed => ({
      ...s,
      body: s.body.replace(/"u"|"1"|%2B1555/, (m) => (m === "%2B1555" ? "%2B1556" : m === '"u"' ? '"v"' : '"2"')),
    });
    const cases: [string, Signed][] = [
      ["auth-whatsapp", whatsappRequest(signedUrl("auth-whatsapp"), "wrong", wa)],
      ["auth-whatsapp", tamper(whatsappRequest(signedUrl("auth-whatsapp"), SECRETS.whatsapp, wa))],
      ["auth-twilio", twilioRequest(signedUrl("auth-twilio"), "wrong", tw)],
      ["auth-twilio", tamper(twilioRequest(signedUrl("auth-twilio"), SECRETS.twilio, tw))],
      // Twilio signs the public URL: a signature over the internal one is refused.
      ["auth-twilio", twilioRequest(hookUrl(LOCAL, "auth-twilio"), SECRETS.twilio, tw)],
      ["auth-sendbird", sendbirdRequest(signedUrl("auth-sendbird"), "wrong", sb)],
      ["auth-sendbird", tamper(sendbirdRequest(signedUrl("auth-sendbird"), SECRETS.sendbird, sb))],
      ["auth-tencent", tencentRequest(signedUrl("auth-tencent"), "wrong", tc, { requestTime: sec })],
      ["auth-tencent", tencentRequest(signedUrl("auth-tencent"), SECRETS.tencent, tc, { requestTime: sec - 61 })],
      ["auth-tencent", tencentRequest(signedUrl("auth-tencent"), SECRETS.tencent, tc, { requestTime: sec, sdkAppId: "1400099999" })],
      ["auth-stream", streamRequest(signedUrl("auth-stream"), "wrong", st, "w1")],
      ["auth-stream", tamper(streamRequest(signedUrl("auth-stream"), SECRETS.stream, st, "w1"))],
    ];
    for (const [sourceId, signed] of cases) {
      const res = await post(sourceId, { signed });
      expect(res.status, `${sourceId} ${signed.body.slice(0, 40)}`).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const stale = signedWebhook(
      hookUrl(LOCAL, "auth-generic"),
      GENERIC_SECRET,
      JSON.stringify({ type: "message.read", id: "g1", messageId: "m", recipientId: "u" }),
      {
        timestamp: sec - 301,
      },
    );
    expect((await hookPOST(stale, { params: Promise.resolve({ sourceId: "auth-generic" }) })).status).toBe(401);

    expect(await count("receipt_events", "auth")).toBe(0);
    expect(await count("webhook_requests", "auth")).toBe(0);
    expect(await count("deliveries", "auth")).toBe(0);
    const [stats] = await query<{ n: number }>(
      db.prisma,
      `SELECT sum(signature_failures)::int AS n FROM source_stats WHERE workspace_id = 'auth'`,
    );
    expect(stats.n).toBe(cases.length + 1);
    const rejected = await listRejectedRequests(db, { workspaceId: "auth" }, "auth-tencent");
    expect(rejected.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(rejected[1].reason).toMatch(/RequestTime/);
    // Never a signature or secret in what is kept.
    const all = JSON.stringify(
      await query(db.prisma, `SELECT received_at, status, code, reason, excerpt FROM rejected_requests WHERE workspace_id = 'auth'`),
    );
    for (const secret of [...Object.values(SECRETS), GENERIC_SECRET]) expect(all).not.toContain(secret);
    for (const [, signed] of cases) for (const v of Object.values(signed.headers)) if (v.length > 20) expect(all).not.toContain(v);
    expect(all).not.toMatch(/Sign=/);
    // Another workspace sees none of them.
    expect(await listRejectedRequests(db, { workspaceId: "inorder" }, "auth-tencent")).toEqual([]);
  });

  it("answers WhatsApp's handshake with the challenge only for the right verify token", async () => {
    const get = (sourceId: string, qs: string) =>
      hookGET(new Request(`${hookUrl(LOCAL, sourceId)}?${qs}`), { params: Promise.resolve({ sourceId }) });
    const ok = await get("inorder-whatsapp", "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await get("inorder-whatsapp", "hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")).status).toBe(403);
    expect((await get("inorder-stream", "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1")).status).toBe(404);
  });

  it("replies in each platform's way and checks content types", async () => {
    vi.setSystemTime(new Date(T0 + 7200_000));
    const sec = Math.floor(Date.now() / 1000);
    const tc = tencentRequest(
      signedUrl("inorder-tencent"),
      SECRETS.tencent,
      '{"CallbackCommand":"State.StateChange","Info":{"To_Account":"u","Action":"Login"}}',
      {
        requestTime: sec,
      },
    );
    const res = await post("inorder-tencent", { signed: tc });
    expect(await res.json()).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    const tw = twilioRequest(signedUrl("inorder-twilio"), SECRETS.twilio, { MessageSid: "SMQ", MessageStatus: "queued", To: "+1555" });
    expect((await post("inorder-twilio", { signed: tw })).status).toBe(200);
    // WhatsApp bundles statuses into POSTs of up to 3 MB (here 1.4 MB: group sends, each member
    // its own status, with the send's callback data echoed on every one).
    const statuses = Array.from({ length: 3_000 }, (_, i) => ({
      id: `wamid.BIG${i % 10}`,
      status: "sent",
      timestamp: String(sec),
      recipient_id: "120363000000000009",
      recipient_type: "group",
      recipient_participant_id: `1650${i}`,
      biz_opaque_callback_data: "x".repeat(300),
    }));
    const big = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: "p" }, statuses } }] }],
    });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const bigRes = await post("inorder-whatsapp", { signed: whatsappRequest(signedUrl("inorder-whatsapp"), SECRETS.whatsapp, big) });
    const bigJson = await bigRes.json();
    expect(bigJson, JSON.stringify(bigJson).slice(0, 300)).toMatchObject({ accepted: 3_000 });
    const wrongType = await post("inorder-twilio", { signed: { ...tw, headers: { ...tw.headers, "content-type": "text/plain" } } });
    expect(wrongType.status).toBe(415);
    const rejected = await listRejectedRequests(db, { workspaceId: "inorder" }, "inorder-twilio");
    expect(rejected[0]).toMatchObject({ status: 415, code: "unsupported_media_type" });
  });
});
