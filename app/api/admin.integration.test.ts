import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as auditGET } from "./v1/admin/audit/route";
import { POST as erasurePOST } from "./v1/admin/erasure/route";
import { GET as privacyGET, PATCH as privacyPATCH } from "./v1/admin/privacy/route";
import { POST as retentionPOST } from "./v1/admin/retention/route";
import { GET as messageGET } from "./v1/messages/[id]/route";
import { GET as overviewGET } from "./v1/stats/overview/route";
import { POST as webhookPOST } from "./webhooks/[sourceId]/route";
import { forgetTokenUse } from "@/lib/audit/audit-log";
import { setRateLimits, TokenBuckets } from "@/lib/api/rate-limit";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { ADMIN_TOKEN, OTHER_TOKEN, PEOPLE, provisionFixtures, SECRET, TOKEN } from "@/lib/testing/fixtures";
import { ORIGIN, signIn, withCookie } from "@/lib/testing/session";
import { bearer, signedWebhook } from "@/lib/testing/http";
import { ingest } from "@/lib/testing/ingest";
import { rowsMentioning } from "@/lib/testing/scan";
import { forgetPseudonymKey } from "@/lib/privacy/settings";
import { applyProvision } from "@/lib/provision";
import { forgetSource } from "@/lib/webhooks/sources";

const BASE = "http://localhost:3000";
const none = { params: Promise.resolve({}) };
const json = (token: string, method: string, body: unknown) =>
  bearer(`${BASE}/x`, token, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.each(DATABASE_KINDS)("admin API on %s", (kind) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    forgetTokenUse();
    forgetPseudonymKey();
    await provisionFixtures(db);
    await applyProvision(db, {
      workspaces: [
        {
          slug: "other",
          name: "Other",
          timezone: "UTC",
          sources: [],
          tokens: [{ name: "admin", token: "rk_test_other_admin", scopes: ["admin"] }],
        },
      ],
    });
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });
  afterEach(() => setRateLimits(undefined));

  it("reads and changes privacy settings with an admin token only", async () => {
    expect((await privacyGET(bearer(`${BASE}/x`, TOKEN), none)).status).toBe(403);
    expect((await privacyGET(new Request(`${BASE}/x`), none)).status).toBe(401);
    expect(await (await privacyGET(bearer(`${BASE}/x`, ADMIN_TOKEN), none)).json()).toEqual({ pseudonymise: false, retentionDays: null });
    const res = await privacyPATCH(json(ADMIN_TOKEN, "PATCH", { pseudonymise: true, retentionDays: 90 }), none);
    expect(await res.json()).toEqual({ pseudonymise: true, retentionDays: 90 });
    expect((await privacyPATCH(json(ADMIN_TOKEN, "PATCH", { retentionDays: 0 }), none)).status).toBe(400);
    expect((await privacyPATCH(json(ADMIN_TOKEN, "PATCH", { secret: "x" }), none)).status).toBe(400);
    const wrongType = bearer(`${BASE}/x`, ADMIN_TOKEN, { method: "PATCH", headers: { "content-type": "text/plain" }, body: "{}" });
    expect((await privacyPATCH(wrongType, none)).status).toBe(415);
    // The key itself never leaves the server.
    expect(JSON.stringify(await (await privacyGET(bearer(`${BASE}/x`, ADMIN_TOKEN), none)).json())).not.toMatch(/key|sealed/i);
    // Another workspace's admin sees its own settings.
    expect(await (await privacyGET(bearer(`${BASE}/x`, "rk_test_other_admin"), none)).json()).toEqual({
      pseudonymise: false,
      retentionDays: null,
    });
  });

  it("erases a recipient over the API and audits that it happened, not whom", async () => {
    const person = "api-erase-4915199999999";
    await ingest(db, "acme", [
      { type: "message.sent", id: "x-1", message: { id: "xm-1", campaignId: "c" }, recipientId: person },
      { type: "message.read", id: "x-2", messageId: "xm-1", recipientId: person },
    ]);
    expect((await erasurePOST(json(TOKEN, "POST", { recipientId: person }), none)).status).toBe(403);
    expect((await erasurePOST(json(ADMIN_TOKEN, "POST", {}), none)).status).toBe(400);
    const res = await erasurePOST(json(ADMIN_TOKEN, "POST", { recipientId: person }), none);
    expect(res.status).toBe(200);
    expect((await res.json()).erased).toMatchObject({ deliveries: 1, events: 2 });
    expect(await rowsMentioning(db, person)).toEqual([]);
    const audit = await (await auditGET(bearer(`${BASE}/x?action=recipient.erased`, ADMIN_TOKEN), none)).json();
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ action: "recipient.erased", actor: { type: "token", id: "tok_acme_admin" }, target: null });
  });

  it("audits message views and token use, lists them to admins of the workspace only, in pages", async () => {
    await ingest(db, "acme", [{ type: "message.sent", id: "v-1", message: { id: "vm-1" }, recipientId: "v-r" }]);
    for (let i = 0; i < 3; i++)
      expect((await messageGET(bearer(`${BASE}/x`, TOKEN), { params: Promise.resolve({ id: "vm-1" }) })).status).toBe(200);
    await overviewGET(bearer(`${BASE}/api/v1/stats/overview`, TOKEN), none);

    const list = async (qs: string, token = ADMIN_TOKEN) =>
      (await auditGET(bearer(`${BASE}/api/v1/admin/audit?${qs}`, token), none)).json();
    const views = await list("action=message.viewed");
    expect(views.entries).toHaveLength(3);
    expect(views.entries[0]).toMatchObject({ target: "message:vm-1", actor: { type: "token", id: "tok_acme_ci" } });
    // Token use: once per token and minute, however many requests.
    const uses = await list("action=token.used&actorId=tok_acme_ci");
    expect(uses.entries).toHaveLength(1);
    expect(uses.entries[0].details).toMatchObject({ method: "GET" });
    // Pages, newest first.
    const page1 = await list("limit=2");
    expect(page1.entries).toHaveLength(2);
    const page2 = await list(`limit=2&cursor=${page1.nextCursor}`);
    expect(Number(page2.entries[0].id)).toBeLessThan(Number(page1.entries[1].id));
    // Other workspaces and non-admin tokens see none of it.
    expect((await list("", "rk_test_other_admin")).entries.filter((e: { action: string }) => e.action !== "token.used")).toEqual([]);
    expect((await auditGET(bearer(`${BASE}/x`, OTHER_TOKEN), none)).status).toBe(403);
    expect((await auditGET(bearer(`${BASE}/x?limit=0`, ADMIN_TOKEN), none)).status).toBe(400);
  });

  it("runs retention on request", async () => {
    const res = await retentionPOST(bearer(`${BASE}/x`, ADMIN_TOKEN, { method: "POST" }), none);
    expect(await res.json()).toMatchObject({ retentionDays: 90, deletedEvents: 0, more: false });
  });

  it("answers 429 with Retry-After per token and per source, leaving other tokens and sources alone", async () => {
    setRateLimits({ source: new TokenBuckets(1, 2), token: new TokenBuckets(1, 2) });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await overviewGET(bearer(`${BASE}/api/v1/stats/overview`, TOKEN), none));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2].headers.get("retry-after")).toBe("1");
    expect((await statuses[2].json()).error.code).toBe("rate_limited");
    expect((await overviewGET(bearer(`${BASE}/api/v1/stats/overview`, OTHER_TOKEN), none)).status).toBe(200);

    const hook = (source: string, n: number) =>
      webhookPOST(
        signedWebhook(
          `${BASE}/api/webhooks/${source}`,
          SECRET,
          JSON.stringify({ type: "message.read", id: `rl-${source}-${n}`, messageId: "m", recipientId: "r" }),
        ),
        { params: Promise.resolve({ sourceId: source }) },
      );
    const hooks = [await hook("acme-gen", 1), await hook("acme-gen", 2), await hook("acme-gen", 3)];
    expect(hooks.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(hooks[2].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await hook("other-gen", 1)).status).toBe(200);
  });
});

describe("body limits", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("pglite");
    setDb(db);
    forgetSource();
    await provisionFixtures(db, { people: true });
    adminCookie = await signIn(PEOPLE.admin);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });
  let adminCookie = "";

  // Generated from the route files, so a new route that reads a body without a limit fails here.
  function routeFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
    });
  }

  it("answers 413 on every route that takes a body when it is larger than the limit", async () => {
    const big = "x".repeat(32 * 1024 * 1024 + 1);
    const root = path.join(process.cwd(), "app");
    const checked: string[] = [];
    for (const file of routeFiles(path.join(root, "api"))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
      const route = "/" + path.relative(root, path.dirname(file));
      for (const method of ["POST", "PUT", "PATCH"] as const) {
        if (!mod[method]) continue;
        const init = { method, headers: { "content-type": "application/json" }, body: big };
        // Routes for signed-in people only are called with an admin's session; the others with a token.
        const sessionOnly = route.startsWith("/api/admin/") || route.endsWith("/nudge");
        const req = sessionOnly
          ? withCookie(`${ORIGIN}${route}`, adminCookie, init)
          : bearer(`${BASE}${route}`, route.includes("/admin/") ? ADMIN_TOKEN : TOKEN, init);
        const res = await mod[method](req, { params: Promise.resolve({ sourceId: "acme-gen", id: "x" }) });
        // The retention run takes no body and ignores it; every other route must refuse it.
        if (route.endsWith("/admin/retention")) expect(res.status, `${method} ${route}`).toBe(200);
        else expect(res.status, `${method} ${route}`).toBe(413);
        checked.push(`${method} ${route}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });
});
