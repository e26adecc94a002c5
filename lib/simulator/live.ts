import { rng, type Rng } from "./random";
import { AGENTS, type CanonicalEvent } from "./scenario";

// The demo's live trickle, as it would look from a real account: one campaign going out through
// the day to a few recipients at a time, whose receipts follow seconds to minutes later, and a
// handful of support conversations where customers write, agents answer and customers read.
// Each tick returns what has happened since the last one; things planned for later wait for
// their time. Campaigns and conversations are reused, so a demo left running for hours shows a
// few lively rows, not a new campaign every few seconds.

export interface LiveOptions {
  seed?: number;
  /** Distinguishes this run's messages and conversations from an earlier run's in the same workspace. */
  runId: string;
  /** Campaign messages sent per tick. */
  sendsPerTick?: number;
  /** Support conversations kept going by this run. */
  conversations?: number;
}

const PLATFORMS = ["ios", "android", "android", "web", null] as const;
const FAILURE = { code: "131026", title: "Message undeliverable" };

export class LiveStream {
  private readonly r: Rng;
  private readonly planned: CanonicalEvent[] = [];
  private sent = 0;
  private events = 0;
  private readonly turns: number[];

  constructor(private readonly opts: LiveOptions) {
    this.r = rng(opts.seed ?? 1);
    this.turns = Array.from({ length: opts.conversations ?? 6 }, () => 0);
  }

  /** The events that happened up to `now`, in time order. */
  tick(now: Date): CanonicalEvent[] {
    const t = now.getTime();
    this.sendCampaign(t);
    if (this.r.chance(0.35)) this.customerWrites(t);
    this.planned.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    const due = this.planned.findIndex((e) => e.occurredAt > now.toISOString());
    return this.planned.splice(0, due === -1 ? this.planned.length : due);
  }

  /** Events planned for later (receipts not yet arrived, answers not yet written). */
  get waiting(): number {
    return this.planned.length;
  }

  private plan(type: string, at: number, fields: Record<string, unknown>): void {
    this.planned.push({ type, id: `${this.opts.runId}-evt-${++this.events}`, occurredAt: new Date(at).toISOString(), ...fields });
  }

  private sendCampaign(t: number): void {
    const r = this.r;
    // One campaign per day (UTC), the same for every run of the demo on that day.
    const day = new Date(t).toISOString().slice(0, 10);
    const campaignId = `live-${day}`;
    for (let i = 0; i < (this.opts.sendsPerTick ?? 4); i++) {
      const n = ++this.sent;
      const variant = n % 2 ? "A" : "B";
      const messageId = `${this.opts.runId}-${campaignId}-msg-${n}`;
      const recipientId = `live-cust-${r.int(1, 5000)}`;
      const platform = r.pick(PLATFORMS);
      this.plan("message.sent", t, {
        message: { id: messageId, kind: "campaign", campaignId, variant, title: `Daily deals ${day}`, senderId: "marketing" },
        recipientId,
        clientPlatform: platform,
      });
      if (r.chance(0.03)) {
        this.plan("message.failed", t + r.delay(10, 0.5) * 1000, { messageId, recipientId, error: FAILURE });
        continue;
      }
      const deliveredAt = t + r.delay(4, 0.8) * 1000;
      // Like the real networks, some delivered receipts never come, and reads still do.
      if (r.chance(0.95)) this.plan("message.delivered", deliveredAt, { messageId, recipientId, clientPlatform: platform });
      if (r.chance(variant === "A" ? 0.45 : 0.55))
        this.plan("message.read", deliveredAt + r.delay(90, 1.2) * 1000, { messageId, recipientId, clientPlatform: platform });
    }
  }

  private customerWrites(t: number): void {
    const r = this.r;
    const c = r.int(0, this.turns.length - 1);
    const turn = ++this.turns[c];
    const conversationId = `${this.opts.runId}-conv-${c + 1}`;
    const customer = `${this.opts.runId}-cust-s${c + 1}`;
    // Each conversation keeps its agent, as a support desk assigns them.
    const agent = AGENTS[c % AGENTS.length];
    this.plan("message.received", t, { conversationId, senderId: customer });
    const answeredAt = t + r.delay(45, 0.8) * 1000;
    const messageId = `${conversationId}-reply-${turn}`;
    const platform = r.pick(PLATFORMS);
    this.plan("message.sent", answeredAt, {
      message: { id: messageId, kind: "support", conversationId, senderId: agent, title: null },
      recipientId: customer,
      clientPlatform: platform,
    });
    this.plan("message.delivered", answeredAt + r.delay(3, 0.8) * 1000, { messageId, recipientId: customer });
    if (r.chance(0.8)) {
      const readAt = answeredAt + r.delay(60, 1) * 1000;
      this.plan("conversation.read", readAt, { conversationId, readerId: customer, readUpTo: new Date(readAt).toISOString() });
    }
  }
}
