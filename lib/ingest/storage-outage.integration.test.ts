import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookPOST } from "@/app/api/webhooks/[sourceId]/route";
import { closeDb, openDb, setDb, type Db } from "../db/client";
import { query } from "../db/sql";
import { setIngestWriter } from "./index";
import { createPgDatabase, databaseUrl } from "../testing/databases";
import { provisionFixtures, SECRET } from "../testing/fixtures";
import { signedWebhook } from "../testing/http";
import { TcpProxy } from "../testing/tcp-proxy";
import { forgetSource } from "../webhooks/sources";

// Storage dies in the middle of a stream of webhooks. Every event that got a 2xx must be in the
// database afterwards; every other request must have been told 503 + Retry-After (so the
// platform retries), and after the retries nothing is missing.

const hook = (req: Request) => webhookPOST(req, { params: Promise.resolve({ sourceId: "acme-gen" }) });

function event(i: number) {
  return JSON.stringify({
    type: "message.sent",
    id: `outage-${i}`,
    occurredAt: new Date().toISOString(),
    message: { id: `om-${i}`, kind: "campaign", campaignId: "outage" },
    recipientId: `u-${i}`,
  });
}

describe("storage outage (PostgreSQL behind a proxy that is cut mid-stream)", () => {
  let created: Awaited<ReturnType<typeof createPgDatabase>>;
  let db: Db;
  const proxy = new TcpProxy(5432);

  beforeAll(async () => {
    created = await createPgDatabase();
    const port = await proxy.start();
    db = await openDb({ databaseUrl: databaseUrl(created.name, `postgresql://root@127.0.0.1:${port}/postgres`), dataDir: "" });
    await provisionFixtures(db);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
  });
  afterAll(async () => {
    setDb(undefined);
    await closeDb(db).catch(() => {});
    await proxy.cut().catch(() => {});
    await created.drop();
  });

  it("never loses an acknowledged event, answers 503 with Retry-After meanwhile, and recovers", async () => {
    const total = 300;
    const results = new Map<number, Response>();
    let sent = 0;
    const worker = async () => {
      while (sent < total) {
        const i = sent++;
        if (i === 120) await proxy.cut(); // storage goes away mid-stream
        if (i === 220) await proxy.start(); // and comes back on the same port
        results.set(i, await hook(signedWebhook("http://localhost/api/webhooks/acme-gen", SECRET, event(i), { id: `msg-outage-${i}` })));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    const ok = [...results].filter(([, r]) => r.status === 200).map(([i]) => i);
    const failed = [...results].filter(([, r]) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const [, r] of failed) {
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBeTruthy();
      expect((await r.json()).error.code).toBe("storage_unavailable");
    }
    const stored = async () =>
      new Set((await query<{ k: string }>(db.prisma, `SELECT idempotency_key AS k FROM receipt_events`)).map((r) => r.k));
    const afterOutage = await stored();
    expect(ok.filter((i) => !afterOutage.has(`outage-${i}`))).toEqual([]);

    // The platform retries what was refused; then everything is there exactly once.
    for (const [i] of failed) {
      const res = await hook(signedWebhook("http://localhost/api/webhooks/acme-gen", SECRET, event(i), { id: `msg-outage-${i}` }));
      expect(res.status).toBe(200);
    }
    expect((await stored()).size).toBe(total);
    const [r] = await query<{ sent: number }>(db.prisma, `SELECT sum(sent)::int AS sent FROM delivery_rollups`);
    expect(r.sent).toBe(total);
  });
});

describe("storage failure on PGlite", () => {
  it("answers 503 when the embedded database is gone", async () => {
    const db = await openDb({ dataDir: "memory://" });
    await provisionFixtures(db);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    await hook(signedWebhook("http://localhost/x", SECRET, event(1))); // warm the source cache
    await db.driver.close();
    const res = await hook(signedWebhook("http://localhost/x", SECRET, event(2)));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    setDb(undefined);
  });
});
