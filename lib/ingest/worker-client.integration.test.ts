import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, StorageUnavailableError } from "../api/errors";
import { onChange, type ChangeNotice } from "../realtime/bus";
import { disorder, generateScenario } from "../simulator/scenario";
import { freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest, snapshot } from "../testing/ingest";
import { whatsappRequest } from "../testing/platforms";
import { commitWebhook, webhookJob } from "../webhooks/accept";
import type { ResolvedSource } from "../webhooks/sources";
import { batchJob, commitBatch } from "./batch-job";
import { parseCanonical } from "./canonical";
import { IngestWriter } from "./writer";
import { WorkerWriter } from "./worker-client";

/** A parsed message.sent to recipient "u". */
function sent(id: string) {
  const r = parseCanonical(
    { type: "message.sent", id, occurredAt: "2026-11-20T09:00:00Z", message: { id: `m-${id}` }, recipientId: "u" },
    new Date(),
  );
  if (!r.ok || r.event.type !== "message.sent") throw new Error("bad test event");
  return r.event;
}

// The ingestion worker thread is used on PostgreSQL only (PGlite lives in the HTTP thread).
describe("the ingestion worker thread (PostgreSQL)", () => {
  let db: TestDb;
  let worker: WorkerWriter;
  beforeAll(async () => {
    db = await freshDb("postgres");
    worker = new WorkerWriter(db.url!);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.dispose();
  });

  it("stores a shuffled stream exactly as the in-thread writer does, and relays change notices", async () => {
    await createWorkspace(db, "thread");
    await createWorkspace(db, "inline");
    const stream = disorder(generateScenario({ seed: 5, days: 2, campaigns: 2, recipientsPerCampaign: 150, conversations: 12 }), {
      duplicates: 0.05,
      window: 80,
    });
    const notices: ChangeNotice[] = [];
    const off = onChange((n) => notices.push(n));
    const viaWorker = await ingest(db, "thread", stream, { batch: 90, writer: worker });
    off();
    const inline = await ingest(db, "inline", stream, { batch: 90 });
    // Which receipts waited for their message depends on which lane committed first; which
    // events were duplicates, and the final state, do not.
    const duplicates = (outcomes: string[]) => outcomes.flatMap((o, i) => (o === "duplicate" ? [i] : []));
    expect(duplicates(viaWorker)).toEqual(duplicates(inline));
    expect(duplicates(viaWorker).length).toBeGreaterThan(0);
    expect(await snapshot(db, "thread")).toEqual(await snapshot(db, "inline"));
    // Notices crossed back to this thread's bus, for this workspace only.
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices.map((n) => n.workspaceId))).toEqual(new Set(["thread"]));
  });

  it("verifies, parses and commits webhook requests as the in-thread writer does, with the adapter's own errors", async () => {
    const source = (workspaceId: string): ResolvedSource => ({
      id: "wa",
      workspaceId,
      platform: "whatsapp",
      enabled: true,
      secrets: ["wa-secret"],
      verifyToken: null,
      publicBaseUrl: null,
      appId: null,
    });
    const status = (id: string, s: string, ts: number) => ({ id, status: s, timestamp: String(ts), recipient_id: "4915100000001" });
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: "p" },
                statuses: [
                  status("wamid.A", "sent", 1795000000),
                  status("wamid.A", "read", 1795000060),
                  status("wamid.B", "sent", 1795000001),
                ],
              },
            },
          ],
        },
      ],
    });
    const signed = whatsappRequest("https://receipts.example/api/webhooks/x", "wa-secret", body);
    const job = (ws: string, s = signed) =>
      webhookJob(source(ws), null, Buffer.from(s.body), new Headers(s.headers), s.url, new Date("2026-11-20T10:00:00Z"));
    await createWorkspace(db, "hook-thread");
    await createWorkspace(db, "hook-inline");
    const viaWorker = await worker.submitWebhook(job("hook-thread"));
    const inline = await commitWebhook(new IngestWriter(async () => db), job("hook-inline"));
    expect(viaWorker.outcomes).toHaveLength(3);
    expect(viaWorker).toEqual(inline);
    expect(await snapshot(db, "hook-thread")).toEqual(await snapshot(db, "hook-inline"));
    // Kept for replay in the same transaction, as in the thread.
    const kept = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM webhook_requests WHERE workspace_id = 'hook-thread'`,
    );
    expect(kept[0].n).toBe(1);
    // A signature that does not match: the adapter's 401, rebuilt on this side of the thread.
    const forged = await worker.submitWebhook(job("hook-thread", whatsappRequest(signed.url, "wrong", body))).catch((e) => e);
    expect(forged).toBeInstanceOf(ApiError);
    expect((forged as ApiError).status).toBe(401);
    // A body that is not JSON: 400 with the parser's reason.
    const broken = await worker.submitWebhook(job("hook-thread", whatsappRequest(signed.url, "wa-secret", "{not json"))).catch((e) => e);
    expect((broken as ApiError).status).toBe(400);
  });

  it("parses and commits batch requests as the in-thread writer does, keeping valid lines and naming bad ones", async () => {
    const sentB1 = JSON.stringify({
      type: "message.sent",
      id: "b1",
      occurredAt: "2026-11-20T09:00:00Z",
      message: { id: "bm1" },
      recipientIds: ["u1", "u2"],
    });
    const lines = [
      sentB1,
      "{not json",
      JSON.stringify({ type: "message.read", id: "b2", occurredAt: "2026-11-20T09:05:00Z", messageId: "bm1", recipientId: "u1" }),
      JSON.stringify({ type: "message.read", id: "b3", messageId: "bm1" }),
      sentB1, // a retry: a duplicate
    ].join("\n");
    const job = (ws: string, body = lines, asArray = false) =>
      batchJob(ws, null, new Date("2026-11-20T10:00:00Z"), Buffer.from(body), asArray, null);
    await createWorkspace(db, "batch-thread");
    await createWorkspace(db, "batch-inline");
    const viaWorker = await worker.submitBatch(job("batch-thread"));
    const inline = await commitBatch(new IngestWriter(async () => db), job("batch-inline"));
    expect(viaWorker).toEqual(inline);
    expect(viaWorker.accepted).toBe(2);
    expect(viaWorker.duplicates).toBe(1);
    expect(viaWorker.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(await snapshot(db, "batch-thread")).toEqual(await snapshot(db, "batch-inline"));
    // A JSON array that is not one: the request's fault, answered across the thread.
    const broken = await worker.submitBatch(job("batch-thread", "[{", true)).catch((e) => e);
    expect(broken).toBeInstanceOf(ApiError);
    expect((broken as ApiError).status).toBe(400);
  });

  it("answers a value PostgreSQL refuses as the request's fault, as the in-thread writer does", async () => {
    const ok = sent("bad-kind");
    // A kind the parser would never let through: PostgreSQL refuses it (22P02, a data error).
    const event = { ...ok, message: { ...ok.message, kind: "bogus" as "direct" } };
    const err = await worker.submit({ workspaceId: "thread", sourceId: null, receivedAt: new Date(), events: [event] }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(StorageUnavailableError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toMatch(/cannot be stored/);
  });

  it("answers 503 when its database is unreachable, and 503 for requests in flight when it stops; then starts again", async () => {
    const down = new WorkerWriter("postgresql://root@127.0.0.1:1/nowhere");
    const item = { workspaceId: "thread", sourceId: null, receivedAt: new Date(), events: [sent("x1")] };
    const unreachable = await down.submit(item).catch((e) => e);
    await down.close();
    expect(unreachable).toBeInstanceOf(StorageUnavailableError);
    expect((unreachable as StorageUnavailableError).headers).toEqual({ "Retry-After": "5" });

    const inFlight = worker.submit(item).catch((e) => e);
    await worker.close();
    expect(await inFlight).toBeInstanceOf(StorageUnavailableError);
    // Nothing was acknowledged, so the platform retries; a new worker takes the retry.
    expect(await worker.submit(item)).toEqual([expect.stringMatching(/^(applied|duplicate)$/)]);
  });
});
