import { expect, request as pwRequest, test } from "@playwright/test";
import { signedHeaders } from "./webhooks";

// The e2e-ui workspace's data (Lumen Labs, Asia/Shanghai), shared by the specs that read it (the
// Overview screens and the drill-down). Event ids are fixed, so seeding twice changes nothing.
// Data: four messages over ten days, two kinds of sources (the batch API and a signed webhook),
// four client platforms, reads spread over every band.

const SECRET = "whsec_y5X21p/vwAos6FKH4qicjnHoayDkF0/7";
const TOKEN = "rk_e2e_ui_token_000000001";

export const NOW = Date.now();
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const READ_DELAYS = [120, 600, 1500, 2400, 5400, 18000, 36000, 100000];
const PLATFORMS = ["ios", "android", "web", "desktop"];

interface Spec {
  id: string;
  kind: string;
  title: string;
  campaignId?: string;
  sentAgo: number;
  recipients: number;
  delivered: number;
  read: number;
  failed: number;
}

// Totals: 34 sent over 30 days; 24 within 7 days (the first is 10 days old); 8 announcements.
const MESSAGES: Spec[] = [
  {
    id: "ui-m1",
    kind: "campaign",
    campaignId: "spring",
    title: "Spring sale A",
    sentAgo: 10 * 86400,
    recipients: 10,
    delivered: 8,
    read: 5,
    failed: 1,
  },
  {
    id: "ui-m2",
    kind: "campaign",
    campaignId: "spring",
    title: "Spring sale B",
    sentAgo: 3 * 86400,
    recipients: 12,
    delivered: 10,
    read: 7,
    failed: 1,
  },
  { id: "ui-m3", kind: "announcement", title: "Office move", sentAgo: 26 * 3600, recipients: 8, delivered: 8, read: 6, failed: 0 },
  { id: "ui-m4", kind: "support", title: "Re: refund", sentAgo: 2 * 3600, recipients: 4, delivered: 3, read: 2, failed: 0 },
];

function eventsFor(m: Spec) {
  const events: object[] = [];
  for (let i = 0; i < m.recipients; i++) {
    const recipientId = `${m.id}-r${i}`;
    const clientPlatform = PLATFORMS[i % PLATFORMS.length];
    events.push({
      type: "message.sent",
      id: `${m.id}-s${i}`,
      occurredAt: at(m.sentAgo),
      message: { id: m.id, kind: m.kind, title: m.title, campaignId: m.campaignId, variant: m.campaignId ? m.title.slice(-1) : undefined },
      recipientId,
      clientPlatform,
    });
    if (i < m.delivered)
      events.push({
        type: "message.delivered",
        id: `${m.id}-d${i}`,
        occurredAt: at(m.sentAgo - 30),
        messageId: m.id,
        recipientId,
        clientPlatform,
      });
    if (i < m.read) {
      const delay = READ_DELAYS.filter((d) => d < m.sentAgo)[i % READ_DELAYS.filter((d) => d < m.sentAgo).length];
      events.push({
        type: "message.read",
        id: `${m.id}-r${i}`,
        occurredAt: at(m.sentAgo - delay),
        messageId: m.id,
        recipientId,
        clientPlatform,
      });
    }
    if (i >= m.recipients - m.failed) {
      events.push({
        type: "message.failed",
        id: `${m.id}-f${i}`,
        occurredAt: at(m.sentAgo - 60),
        messageId: m.id,
        recipientId,
        error: { code: "131026", title: "Undeliverable" },
      });
    }
  }
  return events;
}

export async function seedUiWorkspace(): Promise<void> {
  const api = await pwRequest.newContext({ baseURL: test.info().project.use.baseURL });
  // Odd messages through the batch API (no source), even ones through the signed webhook source.
  for (const [i, m] of MESSAGES.entries()) {
    const events = eventsFor(m);
    if (i % 2 === 0) {
      const res = await api.post("/api/v1/events", {
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
        data: events.map((e) => JSON.stringify(e)).join("\n"),
      });
      expect((await res.json()).errors).toEqual([]);
    } else {
      const body = JSON.stringify(events);
      const id = `msg_ui_${m.id}`;
      const res = await api.post("/api/webhooks/ui-whatsapp-gw", { headers: signedHeaders(body, id, SECRET), data: body });
      expect(res.status()).toBe(200);
    }
  }
  await api.dispose();
}
