import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as sourceGET, PATCH as sourcePATCH } from "./admin/sources/[id]/route";
import { POST as replayPOST } from "./admin/sources/[id]/replay/route";
import { POST as rotatePOST } from "./admin/sources/[id]/rotate-secret/route";
import { GET as listGET, POST as createPOST } from "./admin/sources/route";
import { GET as auditGET } from "./v1/admin/audit/route";
import { GET as healthGET } from "./v1/sources/[id]/health/route";
import { POST as hookPOST } from "./webhooks/[sourceId]/route";
import { forgetTokenUse } from "@/lib/audit/audit-log";
import { setRateLimits, TokenBuckets } from "@/lib/api/rate-limit";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { ADMIN_TOKEN, PEOPLE, provisionFixtures, TOKEN } from "@/lib/testing/fixtures";
import { bearer, signedWebhook } from "@/lib/testing/http";
import { ingest } from "@/lib/testing/ingest";
import { whatsappRequest } from "@/lib/testing/platforms";
import { signIn, withCookie } from "@/lib/testing/session";
import { forgetSource } from "@/lib/webhooks/sources";

// Sources administered over the API: what is created receives webhooks signed with its secret;
// disabling refuses them; a rotation keeps the old secret for its grace period only; secrets
// never come back in a read or an audit entry.

const BASE = "http://localhost:3000";
const none = { params: Promise.resolve({}) };
const on = (id: string) => ({ params: Promise.resolve({ id }) });
const admin = (method: string, body?: unknown, path = "/x") =>
  bearer(`${BASE}${path}`, ADMIN_TOKEN, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
const WA_SECRET = "wa-app-secret-0001";
const WA_SECRET_2 = "wa-app-secret-0002";

let seq = 0;
/** A WhatsApp statuses POST for (message, recipient), signed with `secret`, through the real webhook route. */
async function whatsappStatus(sourceId: string, secret: string, messageId: string, status = "delivered"): Promise<Response> {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              statuses: [{ id: messageId, status, timestamp: String(Math.floor(Date.now() / 1000) + ++seq), recipient_id: "16505551234" }],
            },
          },
        ],
      },
    ],
  });
  const s = whatsappRequest(`${BASE}/api/webhooks/${sourceId}`, secret, body);
  return hookPOST(new Request(s.url, { method: "POST", headers: s.headers, body: s.body }), { params: Promise.resolve({ sourceId }) });
}

describe.each(DATABASE_KINDS)("source administration API on %s", (kind) => {
  let db: TestDb;
  const seen: string[] = [];

  beforeAll(async () => {
    // Rotation is tested by moving the clock past the grace period; rate limits would read the
    // clock's return as time going backwards.
    vi.useFakeTimers({ toFake: ["Date"] });
    setRateLimits({ source: new TokenBuckets(0, 1), token: new TokenBuckets(0, 1) });
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    forgetTokenUse();
    await provisionFixtures(db, { people: true });
  });
  afterEach(() => vi.setSystemTime(new Date()));
  afterAll(async () => {
    vi.useRealTimers();
    setRateLimits(undefined);
    setDb(undefined);
    await db?.dispose();
  });

  async function createWhatsApp(name: string, secret = WA_SECRET) {
    const res = await createPOST(admin("POST", { platform: "whatsapp", name, secret, verifyToken: "verify-me" }), none);
    expect(res.status).toBe(201);
    const out = (await res.json()) as { source: { id: string; webhookUrl: string; verifyToken: string }; secret: string | null };
    seen.push(secret);
    return out;
  }

  it("creates a WhatsApp source whose webhooks signed with the pasted secret are accepted", async () => {
    const { source, secret } = await createWhatsApp("WA main");
    // The pasted secret is not echoed; the URL is the one to paste into Meta's console.
    expect(secret).toBeNull();
    expect(source.webhookUrl).toBe(`${BASE}/api/webhooks/${source.id}`);
    expect(source.verifyToken).toBe("verify-me");
    await ingest(db, "acme", [
      {
        type: "message.sent",
        id: "s-wamid.api1",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        message: { id: "wamid.api1" },
        recipientId: "16505551234",
      },
    ]);
    const ok = await whatsappStatus(source.id, WA_SECRET, "wamid.api1");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ accepted: 1 });
    expect((await whatsappStatus(source.id, "not-the-secret", "wamid.api1", "read")).status).toBe(401);
    // The list shows the counters of what just happened.
    const { sources } = (await (await listGET(admin("GET"), none)).json()) as {
      sources: { id: string; health: { accepted: number; signatureFailures: number; lastEventAt: string | null } }[];
    };
    const row = sources.find((s) => s.id === source.id)!;
    expect(row.health).toMatchObject({ accepted: 1, signatureFailures: 1 });
    expect(row.health.lastEventAt).not.toBeNull();
    const health = await (await healthGET(bearer(`${BASE}/x`, TOKEN), on(source.id))).json();
    expect(health.rejected[0]).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("generates a generic source's secret, shows it once, and accepts Standard Webhooks signed with it", async () => {
    const res = await createPOST(admin("POST", { platform: "generic", name: "Gen" }), none);
    expect(res.status).toBe(201);
    const { source, secret } = (await res.json()) as { source: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    seen.push(secret);
    const event = JSON.stringify({
      type: "message.read",
      id: "g-1",
      occurredAt: new Date().toISOString(),
      messageId: "m-g",
      recipientId: "r",
    });
    const hook = (s: string) =>
      hookPOST(signedWebhook(`${BASE}/api/webhooks/${source.id}`, s, event), { params: Promise.resolve({ sourceId: source.id }) });
    expect((await hook(secret)).status).toBe(200);
    expect((await hook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).status).toBe(401);
    // A pasted secret for generic, or none for a platform that issues its own, is refused.
    expect((await createPOST(admin("POST", { platform: "generic", name: "G2", secret: "my-own-secret" }), none)).status).toBe(400);
    expect((await createPOST(admin("POST", { platform: "twilio", name: "T" }), none)).status).toBe(400);
  });

  it("disabling refuses the source's webhooks at once (404), enabling accepts them again", async () => {
    const { source } = await createWhatsApp("WA toggled");
    const off = await sourcePATCH(admin("PATCH", { enabled: false }), on(source.id));
    expect(off.status).toBe(200);
    expect((await off.json()).source.enabled).toBe(false);
    const refused = await whatsappStatus(source.id, WA_SECRET, "wamid.off");
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.message).toMatch(/disabled/);
    await sourcePATCH(admin("PATCH", { enabled: true, name: "WA back", publicBaseUrl: "https://hooks.example.com/" }), on(source.id));
    expect((await whatsappStatus(source.id, WA_SECRET, "wamid.on")).status).toBe(200);
    const { source: after } = await (await sourceGET(admin("GET"), on(source.id))).json();
    expect(after).toMatchObject({ name: "WA back", enabled: true, webhookUrl: `https://hooks.example.com/api/webhooks/${source.id}` });
    expect((await sourcePATCH(admin("PATCH", { secretSealed: "x" }), on(source.id))).status).toBe(400);
  });

  it("rotation: the old secret is accepted during the grace period and refused after it", async () => {
    const { source } = await createWhatsApp("WA rotated");
    expect((await rotatePOST(admin("POST", {}), on(source.id))).status).toBe(400); // WhatsApp's new secret must be pasted
    const res = await rotatePOST(admin("POST", { secret: WA_SECRET_2, graceHours: 2 }), on(source.id));
    expect(res.status).toBe(200);
    const rotated = await res.json();
    seen.push(WA_SECRET_2);
    expect(rotated.secret).toBeNull();
    expect(rotated.source.previousSecretUntil).not.toBeNull();
    expect((await whatsappStatus(source.id, WA_SECRET, "wamid.r1")).status).toBe(200);
    expect((await whatsappStatus(source.id, WA_SECRET_2, "wamid.r2")).status).toBe(200);
    vi.setSystemTime(new Date(Date.now() + 2 * 3_600_000 + 10_000));
    expect((await whatsappStatus(source.id, WA_SECRET, "wamid.r3")).status).toBe(401);
    expect((await whatsappStatus(source.id, WA_SECRET_2, "wamid.r4")).status).toBe(200);
    // A generic source's rotation generates the new secret and shows it once; the default grace is 24 h.
    const gen = (await (await createPOST(admin("POST", { platform: "generic", name: "Gen rotated" }), none)).json()) as {
      source: { id: string };
      secret: string;
    };
    const r2 = await (await rotatePOST(admin("POST", {}), on(gen.source.id))).json();
    expect(r2.secret).toMatch(/^whsec_/);
    expect(r2.secret).not.toBe(gen.secret);
    seen.push(gen.secret, r2.secret);
    expect(new Date(r2.source.previousSecretUntil).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
  });

  it("replays a source's stored requests and reports counts", async () => {
    const { source } = await createWhatsApp("WA replayed");
    for (const m of ["wamid.p1", "wamid.p2"]) expect((await whatsappStatus(source.id, WA_SECRET, m)).status).toBe(200);
    const res = await replayPOST(admin("POST", {}), on(source.id));
    expect(res.status).toBe(200);
    const { report } = await res.json();
    // Everything was stored on arrival: the replay recognises it all.
    expect(report).toMatchObject({ requests: 2, events: 2, applied: 0, alreadyStored: 2, errors: [] });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await (await replayPOST(admin("POST", { from: future }), on(source.id))).json()).report.requests).toBe(0);
  });

  it("is for admins only: signed-in admins and admin-scope tokens; others get 403, another workspace 404", async () => {
    const { source } = await createWhatsApp("WA guarded");
    const cookie = await signIn(PEOPLE.admin);
    expect((await listGET(withCookie("/x", cookie), none)).status).toBe(200);
    const viaSession = await createPOST(
      withCookie("/x", cookie, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ platform: "stream", name: "Stream", secret: "stream-api-secret", appId: "stream-key" }),
      }),
      none,
    );
    expect(viaSession.status).toBe(201);
    seen.push("stream-api-secret");
    for (const who of [PEOPLE.manager, PEOPLE.marketer, PEOPLE.agent]) {
      const c = await signIn(who);
      expect((await listGET(withCookie("/x", c), none)).status, who).toBe(403);
      expect(
        (
          await sourcePATCH(
            withCookie("/x", c, { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}" }),
            on(source.id),
          )
        ).status,
      ).toBe(403);
    }
    expect((await listGET(bearer(`${BASE}/x`, TOKEN), none)).status).toBe(403); // ingest + read scopes
    expect(
      (
        await rotatePOST(
          bearer(`${BASE}/x`, TOKEN, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
          on(source.id),
        )
      ).status,
    ).toBe(403);
    const other = await signIn(PEOPLE.otherAdmin);
    expect((await sourceGET(withCookie("/x", other), on(source.id))).status).toBe(404);
    const { sources } = await (await listGET(withCookie("/x", other), none)).json();
    expect(sources.map((s: { id: string }) => s.id)).toEqual(["other-gen"]);
  });

  it("never returns a secret in a read, and audits changes without them", async () => {
    expect(seen.length).toBeGreaterThan(5);
    const list = JSON.stringify(await (await listGET(admin("GET"), none)).json());
    const audit = await (await auditGET(bearer(`${BASE}/x?limit=500`, ADMIN_TOKEN), none)).json();
    const text = JSON.stringify(audit);
    for (const s of seen) {
      expect(list).not.toContain(s);
      expect(text).not.toContain(s);
    }
    expect(list).not.toMatch(/sealed/i);
    const actions = (audit.entries as { action: string }[]).map((e) => e.action);
    for (const a of ["source.created", "source.updated", "source.secret_rotated", "source.replayed"]) expect(actions).toContain(a);
  });
});
