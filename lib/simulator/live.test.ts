import { describe, expect, it } from "vitest";
import { parseEvents } from "../testing/ingest";
import { LiveStream } from "./live";
import type { CanonicalEvent } from "./scenario";

// Two hours of the demo's live trickle, one tick every 3 s, across midnight (UTC).
function run(hours = 2, start = Date.parse("2026-11-26T23:00:00Z")) {
  const stream = new LiveStream({ seed: 5, runId: "liveT" });
  const ticks: { at: number; events: CanonicalEvent[] }[] = [];
  for (let t = start; t < start + hours * 3600_000; t += 3000) ticks.push({ at: t, events: stream.tick(new Date(t)) });
  return { stream, ticks, events: ticks.flatMap((t) => t.events) };
}

describe("the demo's live stream", () => {
  const { stream, ticks, events } = run();

  it("emits valid canonical events with unique ids, none before its time, in time order", () => {
    expect(() => parseEvents(events)).not.toThrow();
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const t of ticks) for (const e of t.events) expect(Date.parse(e.occurredAt)).toBeLessThanOrEqual(t.at);
    const times = events.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort());
  });

  it("keeps one campaign per day and a few conversations, however long it runs", () => {
    const sends = events.filter((e) => e.type === "message.sent");
    const campaigns = new Set(sends.map((e) => (e.message as { campaignId?: string }).campaignId).filter(Boolean));
    expect([...campaigns].sort()).toEqual(["live-2026-11-26", "live-2026-11-27"]);
    const conversations = new Set(events.filter((e) => e.type === "message.received").map((e) => e.conversationId));
    expect(conversations.size).toBeGreaterThan(1);
    expect(conversations.size).toBeLessThanOrEqual(6);
    // Thousands of sends over two hours, and conversations with many turns.
    expect(sends.length).toBeGreaterThan(9000);
    expect(events.filter((e) => e.type === "message.received").length).toBeGreaterThan(500);
  });

  it("sends every receipt after its message, and most receipts arrive within minutes", () => {
    const sentAt = new Map<string, string>();
    for (const e of events) {
      if (e.type === "message.sent") sentAt.set((e.message as { id: string }).id, e.occurredAt);
      else if ("messageId" in e) expect(sentAt.get(e.messageId as string), `${e.type} ${e.messageId}`).toBeDefined();
    }
    const reads = events.filter((e) => e.type === "message.read").length;
    const delivered = events.filter((e) => e.type === "message.delivered").length;
    expect(reads / sentAt.size).toBeGreaterThan(0.3);
    expect(delivered / sentAt.size).toBeGreaterThan(0.85);
    // What is still planned is the last minutes' receipts, not a growing backlog.
    expect(stream.waiting).toBeLessThan(400);
  });
});
