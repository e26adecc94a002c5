import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthGET } from "@/app/api/v1/sources/[id]/health/route";
import { POST as hookPOST } from "@/app/api/webhooks/[sourceId]/route";
import { setDb } from "../db/client";
import { setIngestWriter } from "../ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { OTHER_TOKEN, provisionFixtures, SECRET, TOKEN } from "../testing/fixtures";
import { bearer, signedWebhook } from "../testing/http";
import { KEEP_REJECTED } from "../webhooks/rejections";
import { forgetSource } from "../webhooks/sources";
import { listRejectedRequests } from "./list-rejected-requests";

// Ingestion health: the last rejected requests per source (capped, newest first, no secrets or
// content) and the read API that shows them with the counters.

const BASE = "http://localhost:3000";
const hook = (req: Request) => hookPOST(req, { params: Promise.resolve({ sourceId: "acme-gen" }) });
const health = (id: string, token: string) =>
  healthGET(bearer(`${BASE}/api/v1/sources/${id}/health`, token), { params: Promise.resolve({ id }) });

describe.each(DATABASE_KINDS)("source health on %s", (kind) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    await provisionFixtures(db);
    const body = (i: number) =>
      JSON.stringify({ type: "message.read", id: `r${i}`, messageId: "m", recipientId: "u", text: "private words" });
    for (let i = 0; i < KEEP_REJECTED + 5; i++) {
      const res = await hook(
        new Request(`${BASE}/api/webhooks/acme-gen`, { method: "POST", headers: { "content-type": "application/json" }, body: body(i) }),
      );
      expect(res.status).toBe(401);
    }
    const malformed = await hook(signedWebhook(`${BASE}/api/webhooks/acme-gen`, SECRET, '{"type":"message.read","id":"x"}'));
    expect(malformed.status).toBe(400);
    const accepted = await hook(
      signedWebhook(
        `${BASE}/api/webhooks/acme-gen`,
        SECRET,
        JSON.stringify({ type: "message.read", id: "ok-1", occurredAt: "2026-11-20T09:00:00Z", messageId: "m", recipientId: "u" }),
      ),
    );
    expect(accepted.status).toBe(200);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  it("keeps the last requests per source, newest first, with a short content-free excerpt", async () => {
    const list = await listRejectedRequests(db, { workspaceId: "acme" }, "acme-gen");
    expect(list).toHaveLength(KEEP_REJECTED);
    expect(list[0]).toMatchObject({ status: 400, code: "bad_request" });
    expect(list[0].reason).toMatch(/recipientId|messageId/);
    expect(list[1]).toMatchObject({ status: 401, code: "unauthorized" });
    expect(list[1].excerpt).toContain('"id":"r54"');
    expect(list.at(-1)!.excerpt).toContain('"id":"r6"'); // 56 rejections: r0…r5 were dropped
    for (const r of list) {
      expect(r.excerpt!.length).toBeLessThanOrEqual(201);
      expect(r.excerpt).not.toContain("private words");
    }
    expect(await listRejectedRequests(db, { workspaceId: "other" }, "acme-gen")).toEqual([]);
  });

  it("serves counters and rejections over the read API, to the source's workspace only", async () => {
    const res = await health("acme-gen", TOKEN);
    expect(res.status).toBe(200);
    const h = await res.json();
    expect(h).toMatchObject({
      source: { id: "acme-gen", platform: "generic", enabled: true },
      accepted: 1,
      signatureFailures: KEEP_REJECTED + 5,
      parseErrors: 1,
      waiting: 1,
    });
    expect(h.lastEventAt).toBe("2026-11-20T17:00:00.000+08:00"); // the workspace's time zone
    expect(h.rejected).toHaveLength(KEEP_REJECTED);
    expect(JSON.stringify(h)).not.toContain(SECRET);
    expect((await health("acme-gen", OTHER_TOKEN)).status).toBe(404);
    expect((await health("acme-gen", "rk_wrong_token_000")).status).toBe(401);
  });
});
