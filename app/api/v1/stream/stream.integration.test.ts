import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as streamGET } from "./route";
import { POST as webhookPOST } from "../../webhooks/[sourceId]/route";
import { setDb } from "@/lib/db/client";
import { setIngestWriter } from "@/lib/ingest";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { OTHER_TOKEN, PEOPLE, provisionFixtures, SECRET, TOKEN } from "@/lib/testing/fixtures";
import { bearer, signedWebhook } from "@/lib/testing/http";
import { seedScopeData } from "@/lib/testing/scope-data";
import { signIn, withCookie } from "@/lib/testing/session";
import { forgetSource } from "@/lib/webhooks/sources";

const BASE = "http://localhost:3000";

interface Sse {
  events: { id?: string; event?: string; data?: string }[];
  text: string;
  close(): void;
  /** Resolves once `pred` holds for the frames received, or rejects after `ms`. */
  until(pred: (s: Sse) => boolean, ms?: number): Promise<void>;
}

/** Opens the stream through the route handler, with an API token or a session cookie, and parses frames as they arrive. */
async function open(token: string | { cookie: string }, headers: Record<string, string> = {}): Promise<Sse> {
  const ctl = new AbortController();
  const url = `${BASE}/api/v1/stream`;
  const req =
    typeof token === "string"
      ? bearer(url, token, { headers, signal: ctl.signal })
      : withCookie(url, token.cookie, { headers, signal: ctl.signal });
  const res = await streamGET(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const waiters = new Set<() => void>();
  const sse: Sse = {
    events: [],
    text: "",
    close: () => ctl.abort(),
    until: (pred, ms = 5000) =>
      new Promise((resolve, reject) => {
        if (pred(sse)) return resolve();
        const check = () => pred(sse) && (waiters.delete(check), clearTimeout(t), resolve());
        const t = setTimeout(() => (waiters.delete(check), reject(new Error(`timed out; got ${sse.text}`))), ms);
        waiters.add(check);
      }),
  };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      sse.text += decoder.decode(value);
      const frames = sse.text.split("\n\n");
      sse.events = frames.slice(0, -1).flatMap((f) => {
        const e: Sse["events"][number] = {};
        for (const line of f.split("\n")) {
          const [k, ...v] = line.split(": ");
          if (k === "id" || k === "event" || k === "data") e[k] = v.join(": ");
        }
        return e.event ? [e] : [];
      });
      for (const w of [...waiters]) w();
    }
  })();
  return sse;
}

const sent = (id: string, m: string, r: string) =>
  JSON.stringify({
    type: "message.sent",
    id,
    occurredAt: new Date().toISOString(),
    message: { id: m, kind: "campaign", campaignId: "live", senderId: "mkt" },
    recipientId: r,
  });
const read = (id: string, m: string, r: string) =>
  JSON.stringify({ type: "message.read", id, occurredAt: new Date().toISOString(), messageId: m, recipientId: r });

async function post(body: string) {
  const res = await webhookPOST(signedWebhook(`${BASE}/api/webhooks/acme-gen`, SECRET, body), {
    params: Promise.resolve({ sourceId: "acme-gen" }),
  });
  expect(res.status).toBe(200);
}

const receipts = (s: Sse) => s.events.filter((e) => e.event === "receipts").map((e) => ({ id: e.id!, data: JSON.parse(e.data!) }));

describe.each(DATABASE_KINDS)("GET /api/v1/stream on %s", (kind) => {
  let db: TestDb;
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

  it("needs a read token", async () => {
    const res = await streamGET(new Request(`${BASE}/api/v1/stream`), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });

  it("delivers a webhook's receipt to its workspace, never to another, and replays after Last-Event-ID", async () => {
    const mine = await open(TOKEN);
    const theirs = await open(OTHER_TOKEN);
    await mine.until((s) => s.text.includes(": connected"));
    await theirs.until((s) => s.text.includes(": connected"));
    try {
      await post(sent(`s-${kind}-1`, `live-${kind}-1`, "u1"));
      await mine.until((s) => receipts(s).length === 1);
      const first = receipts(mine)[0];
      expect(first.data.deliveries).toEqual([
        expect.objectContaining({ messageId: `live-${kind}-1`, recipientId: "u1", status: "sent", campaignId: "live" }),
      ]);
      await post(read(`r-${kind}-1`, `live-${kind}-1`, "u1"));
      await post(sent(`s-${kind}-2`, `live-${kind}-2`, "u2"));
      await mine.until((s) => receipts(s).length === 3);
      const ids = receipts(mine).map((e) => e.id);
      expect(receipts(mine)[1].data.deliveries[0]).toMatchObject({ messageId: `live-${kind}-1`, status: "read" });
      // Ids increase, so a client can resume from any of them.
      const seqs = ids.map((id) => Number(id.split("-")[1]));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

      // Resume after the first notice: the two missed ones are replayed, in order, then it follows live.
      const resumed = await open(TOKEN, { "last-event-id": first.id });
      await resumed.until((s) => receipts(s).length === 2);
      expect(receipts(resumed).map((e) => e.id)).toEqual(ids.slice(1));
      await post(read(`r-${kind}-2`, `live-${kind}-2`, "u2"));
      await resumed.until((s) => receipts(s).length === 3);
      resumed.close();

      // An id from another process (or too old) cannot be resumed: the client is told to refetch.
      const stale = await open(TOKEN, { "last-event-id": "deadbeef-1" });
      await stale.until((s) => s.events.some((e) => e.event === "reset"));
      stale.close();

      // The other workspace's stream saw the connection comment and nothing else.
      await mine.until((s) => receipts(s).length === 4);
      expect(receipts(theirs)).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it("releases its subscription when the client disconnects", async () => {
    const { streamHub } = await import("@/lib/realtime/stream-hub");
    const before = streamHub().size;
    const s = await open(TOKEN);
    await s.until((x) => x.text.includes(": connected"));
    expect(streamHub().size).toBe(before + 1);
    s.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(streamHub().size).toBe(before);
  });
});

describe.each(DATABASE_KINDS)("GET /api/v1/stream for a signed-in manager on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    setDb(db);
    setIngestWriter(undefined);
    forgetSource();
    // Team A (agent-1, agent-2; announcement ann-a) is the manager's; team B (agent-3; ann-b) is not.
    await provisionFixtures(db, { people: true });
    await seedScopeData(db);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.dispose();
  });

  const answer = (id: string, m: string, agent: string, customer: string) =>
    JSON.stringify({
      type: "message.sent",
      id,
      occurredAt: new Date().toISOString(),
      message: { id: m, kind: "support", senderId: agent, conversationId: `conv-${customer}` },
      recipientId: customer,
    });

  it("a manager of team A receives team A's updates and never team B's", async () => {
    const manager = await open({ cookie: await signIn(PEOPLE.manager) });
    const admin = await open({ cookie: await signIn(PEOPLE.admin) });
    await manager.until((s) => s.text.includes(": connected"));
    await admin.until((s) => s.text.includes(": connected"));
    try {
      // Interleaved: B, A, B, A — through the webhook ingest path, as a platform would send them.
      await post(read(`rb-${kind}`, "m-ann-b", "agent-3")); // team B's announcement read
      await post(answer(`sa-${kind}-1`, `live-a-${kind}-1`, "agent-2", "cust-7")); // a team-A agent's answer
      await post(answer(`sb-${kind}`, `live-b-${kind}`, "agent-3", "cust-8")); // a team-B agent's answer
      await post(read(`ra-${kind}`, "m-ann-a", "agent-1")); // team A's announcement read
      await manager.until((s) => receipts(s).length === 2);
      // Everything was published: the admin's stream got all four, in order.
      await admin.until((s) => receipts(s).length === 4);
      const seen = (s: Sse) => receipts(s).flatMap((e) => e.data.deliveries.map((d: { messageId: string }) => d.messageId));
      expect(seen(admin)).toEqual(["m-ann-b", `live-a-${kind}-1`, `live-b-${kind}`, "m-ann-a"]);
      expect(seen(manager)).toEqual([`live-a-${kind}-1`, "m-ann-a"]);
      // Give a straggler time to arrive: still nothing of team B.
      await new Promise((r) => setTimeout(r, 100));
      expect(manager.text).not.toMatch(/m-ann-b|live-b-|agent-3/);
    } finally {
      manager.close();
      admin.close();
    }
  });
});
