import { rng, type Rng } from "./random";

// A realistic, reproducible stream of canonical events (api.md format) for the demo, the tests
// and the benchmarks: A/B campaigns to thousands of recipients, announcements to named team
// members, and support conversations with inbound messages, replies and read watermarks.

export interface CanonicalEvent {
  type: string;
  id: string;
  occurredAt: string;
  [field: string]: unknown;
}

export interface ScenarioOptions {
  seed?: number;
  /** The stream ends here; sends spread over the `days` before it. */
  now?: Date;
  days?: number;
  campaigns?: number;
  recipientsPerCampaign?: number;
  announcements?: number;
  conversations?: number;
  /** Prefix for every id, so several scenarios can share a workspace. */
  prefix?: string;
}

export const TEAM = [
  {
    id: "team-eng",
    name: "Engineering",
    members: ["Li Wei", "Zhang Min", "Wang Fang", "Chen Jie", "Liu Yang", "Ana Souza", "Tom Becker", "Priya Nair"],
  },
  { id: "team-ops", name: "Operations", members: ["Zhao Lei", "Sun Li", "Maria Rossi", "Kofi Mensah", "Sara Cohen", "Huang Bo"] },
];

export const AGENTS = ["agent-amy", "agent-ben", "agent-chen", "agent-dana"];

const PLATFORMS = ["ios", "ios", "android", "android", "android", "web", "desktop", null] as const;
const FAILURES = [
  { code: "131049", title: "Message not delivered to maintain healthy ecosystem engagement" },
  { code: "131026", title: "Message undeliverable" },
  { code: "131047", title: "Re-engagement message outside the 24-hour window" },
];
const CAMPAIGN_TITLES = [
  "Spring sale",
  "Member day",
  "New arrivals",
  "Flash deal",
  "Loyalty points",
  "Weekend offer",
  "Back in stock",
  "Holiday gift guide",
];

export function memberId(teamId: string, name: string): string {
  return `${teamId}:${name.toLowerCase().replace(/\s+/g, "-")}`;
}

export function generateScenario(opts: ScenarioOptions = {}): CanonicalEvent[] {
  const r = rng(opts.seed ?? 1);
  const now = (opts.now ?? new Date()).getTime();
  const days = opts.days ?? 14;
  const p = opts.prefix ?? "";
  const start = now - days * 86400_000;
  const out: CanonicalEvent[] = [];
  let n = 0;
  const ev = (type: string, at: number, fields: Record<string, unknown>) => {
    if (at > now) return; // not happened yet: the stream is a snapshot at `now`
    out.push({ type, id: `${p}evt-${++n}`, occurredAt: new Date(at).toISOString(), ...fields });
  };
  const iso = (t: number) => new Date(t).toISOString();

  // Receipts of one delivery: delivered, then maybe read; or failed.
  const receipts = (messageId: string, recipientId: string, sentAt: number, readP: number, readMedian: number, platform: string | null) => {
    if (r.chance(0.04)) {
      ev("message.failed", sentAt + r.delay(20, 0.5) * 1000, { messageId, recipientId, error: r.pick(FAILURES) });
      return;
    }
    if (!r.chance(0.95)) return; // never confirmed: stays pending
    const deliveredAt = sentAt + r.delay(4, 1) * 1000;
    ev("message.delivered", deliveredAt, { messageId, recipientId, clientPlatform: platform });
    if (r.chance(readP))
      ev("message.read", deliveredAt + r.delay(readMedian, 1.4) * 1000, { messageId, recipientId, clientPlatform: platform });
  };

  // Campaigns: one message per recipient (as template sends are), variants A/B.
  const campaigns = opts.campaigns ?? 6;
  for (let c = 0; c < campaigns; c++) {
    const campaignId = `${p}cmp-${c + 1}`;
    const title = `${CAMPAIGN_TITLES[c % CAMPAIGN_TITLES.length]}${c >= CAMPAIGN_TITLES.length ? ` ${c + 1}` : ""}`;
    const sendAt = start + r.next() * (days - 1) * 86400_000;
    const readP = { A: 0.35 + r.next() * 0.3, B: 0.35 + r.next() * 0.3 };
    const recipients = opts.recipientsPerCampaign ?? 2000;
    for (let i = 0; i < recipients; i++) {
      const variant = i % 2 === 0 ? "A" : "B";
      const recipientId = `${p}cust-${r.int(1, recipients * 3)}`;
      const messageId = `${campaignId}-msg-${i}`;
      const sentAt = sendAt + r.next() * 1800_000; // a campaign goes out over half an hour
      const platform = r.pick(PLATFORMS);
      ev("message.sent", sentAt, {
        message: { id: messageId, kind: "campaign", campaignId, variant, title, senderId: `${p}marketing` },
        recipientId,
        clientPlatform: platform,
      });
      receipts(messageId, recipientId, sentAt, readP[variant], 1800, platform);
    }
  }

  // Announcements: one group message to a team, one delivery per member.
  const announcements = opts.announcements ?? 6;
  for (let a = 0; a < announcements; a++) {
    const team = TEAM[a % TEAM.length];
    const members = team.members.map((name) => memberId(team.id, name));
    const sentAt = start + r.next() * (days - 1) * 86400_000;
    const messageId = `${p}ann-${a + 1}-msg`;
    ev("message.sent", sentAt, {
      message: {
        id: messageId,
        kind: "announcement",
        announcementId: `${p}ann-${a + 1}`,
        title: `Release notice #${a + 1}`,
        senderId: `${team.id}:lead`,
      },
      recipientIds: members,
    });
    for (const m of members) receipts(messageId, m, sentAt, 0.85, 2400, r.pick(PLATFORMS));
  }

  // Support: customer writes, agent answers (first response), customer reads via a watermark.
  const conversations = opts.conversations ?? 60;
  for (let c = 0; c < conversations; c++) {
    const conversationId = `${p}conv-${c + 1}`;
    const customer = `${p}cust-s${c + 1}`;
    const agent = r.pick(AGENTS);
    let t = start + r.next() * (days - 1) * 86400_000;
    const turns = r.int(1, 4);
    for (let k = 0; k < turns; k++) {
      ev("message.received", t, { conversationId, senderId: customer });
      t += r.delay(k === 0 ? 600 : 240, 1) * 1000;
      const messageId = `${conversationId}-reply-${k + 1}`;
      const platform = r.pick(PLATFORMS);
      ev("message.sent", t, {
        message: { id: messageId, kind: "support", conversationId, senderId: agent, title: null },
        recipientId: customer,
        clientPlatform: platform,
      });
      ev("message.delivered", t + r.delay(3, 1) * 1000, { messageId, recipientId: customer });
      if (r.chance(0.8)) {
        const readAt = t + r.delay(900, 1.3) * 1000;
        // Most IM SDKs report a conversation read position rather than per-message reads.
        if (r.chance(0.6)) ev("conversation.read", readAt, { conversationId, readerId: customer, readUpTo: iso(readAt) });
        else ev("message.read", readAt, { messageId, recipientId: customer });
        t = readAt + r.delay(300, 1) * 1000;
      } else t += r.delay(3600, 1) * 1000;
    }
  }
  return out.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

export interface DisorderOptions {
  /** Share of events delivered twice (retries, several subscribed apps). */
  duplicates?: number;
  /** How far (in events) an event may move from its place. Infinity = full shuffle. */
  window?: number;
  /** Share of delivered receipts that never arrive (so read arrives without delivered). */
  dropDelivered?: number;
  /** Share of events held back until the very end (late receipts). */
  late?: number;
}

/** The network's bad habits applied to an in-order stream. */
export function disorder(events: CanonicalEvent[], opts: DisorderOptions = {}, seed = 7): CanonicalEvent[] {
  const r: Rng = rng(seed);
  let list = events.filter((e) => !(e.type === "message.delivered" && r.chance(opts.dropDelivered ?? 0)));
  const late: CanonicalEvent[] = [];
  list = list.filter((e) => (r.chance(opts.late ?? 0) ? (late.push(e), false) : true));
  const window = opts.window ?? 50;
  const keyed = list.map((e, i) => ({ e, k: i + (window === Infinity ? r.next() * 1e12 : r.next() * window) }));
  keyed.sort((a, b) => a.k - b.k);
  const out: CanonicalEvent[] = [];
  for (const { e } of [...keyed, ...late.map((e) => ({ e, k: 0 }))]) {
    out.push(e);
    if (r.chance(opts.duplicates ?? 0)) out.push(e);
  }
  return out;
}
