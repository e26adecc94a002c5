import { isoInTz } from "../serialize";
import { isImmature } from "../queries/counts";
import type { Comparison } from "../queries/compare-cohorts";
import type { AgentResponseTimes, ResponseBasis } from "../queries/get-response-times";
import type { CampaignRow } from "../queries/list-campaigns";
import type { DeliveryRow } from "../queries/list-deliveries";
import type { RecentMessage } from "../queries/list-recent-messages";
import type { FollowUp } from "../queries/list-unread-follow-ups";

// Rows leave the API through these: times as ISO with the offset of the requested zone.

export function serializeCampaignRow(c: CampaignRow, tz: string, now = new Date()) {
  return {
    id: c.id,
    title: c.title,
    sent: c.sent,
    delivered: c.delivered,
    read: c.read,
    failed: c.failed,
    pending: c.pending,
    deliveryRate: c.deliveryRate,
    readRate: c.readRate,
    readRateOfSent: c.readRateOfSent,
    firstSentAt: isoInTz(c.firstSentAt, tz),
    lastSentAt: isoInTz(c.lastSentAt, tz),
    // Its newest 15-minute cohort is under 24 h old: the read rate will still rise (product.md).
    immature: isImmature(new Date(c.lastSentAt.getTime() + 15 * 60_000), now),
  };
}

export const CAMPAIGN_CSV_COLUMNS = Object.keys(
  serializeCampaignRow({ firstSentAt: new Date(0), lastSentAt: new Date(0) } as CampaignRow, "UTC"),
).map((key) => ({ key, header: key }));

export function serializeDelivery(d: DeliveryRow, tz: string) {
  const t = (x: Date | null) => isoInTz(x, tz);
  return {
    messageId: d.messageId,
    recipientId: d.recipientId,
    status: d.status,
    kind: d.kind,
    campaignId: d.campaignId,
    variant: d.variant,
    announcementId: d.announcementId,
    senderId: d.senderId,
    sourceId: d.sourceId,
    clientPlatform: d.clientPlatform,
    cohortAt: t(d.cohortAt),
    sentAt: t(d.sentAt),
    deliveredAt: t(d.deliveredAt),
    readAt: t(d.readAt),
    failedAt: t(d.failedAt),
    timeToRead: d.timeToRead,
    errorCode: d.errorCode,
    errorTitle: d.errorTitle,
  };
}

export const DELIVERY_CSV_COLUMNS = Object.keys(serializeDelivery({ cohortAt: new Date(0) } as DeliveryRow, "UTC")).map((key) => ({
  key,
  header: key,
}));

export function serializeFollowUp(f: FollowUp, tz: string) {
  return { ...f, sentAt: isoInTz(f.sentAt, tz) };
}

/** Compare as a flat table: one row per cohort, with its test against the baseline (the first). */
export function compareCsvRows(c: Comparison) {
  return c.cohorts.map((x) => {
    const vs = c.comparisons.find((k) => k.b === x.ref);
    return {
      ref: x.ref,
      label: x.label,
      sent: x.sent,
      delivered: x.delivered,
      read: x.read,
      failed: x.failed,
      pending: x.pending,
      deliveryRate: x.deliveryRate,
      readRate: x.readRate,
      readRateCiLow: x.readRateCi?.[0] ?? null,
      readRateCiHigh: x.readRateCi?.[1] ?? null,
      ttrP50: x.timeToRead.p50,
      ttrP90: x.timeToRead.p90,
      ttrMean: x.timeToRead.mean,
      baseline: c.cohorts[0]?.ref ?? null,
      differenceVsBaseline: vs?.difference ?? null,
      pValue: vs?.pValue ?? null,
      significant: vs?.significant ?? null,
    };
  });
}

export const COMPARE_CSV_COLUMNS = [
  "ref",
  "label",
  "sent",
  "delivered",
  "read",
  "failed",
  "pending",
  "deliveryRate",
  "readRate",
  "readRateCiLow",
  "readRateCiHigh",
  "ttrP50",
  "ttrP90",
  "ttrMean",
  "baseline",
  "differenceVsBaseline",
  "pValue",
  "significant",
].map((key) => ({ key, header: key }));
export const FOLLOW_UP_CSV_COLUMNS = ["messageId", "recipientId", "conversationId", "agentId", "status", "sentAt", "hoursUnread"].map(
  (key) => ({ key, header: key }),
);

/** One row of the per-agent support table, flat for CSV (durations in seconds). */
export function agentCsvRow(a: AgentResponseTimes, basis: ResponseBasis) {
  return {
    agentId: a.agentId,
    conversations: a.conversations,
    firstResponses: a.firstResponse.count,
    firstResponseP50: a.firstResponse.p50,
    firstResponseP90: a.firstResponse.p90,
    replies: a.reply.count,
    replyP50: a.reply.p50,
    replyP90: a.reply.p90,
    basis,
    messagesSent: a.messages.sent,
    messagesDelivered: a.messages.delivered,
    messagesRead: a.messages.read,
    readRate: a.messages.readRate,
  };
}

export const AGENT_CSV_COLUMNS = Object.keys(
  agentCsvRow({ agentId: "", conversations: 0, firstResponse: {} as never, reply: {} as never, messages: {} as never }, "calendar"),
).map((key) => ({ key, header: key }));

export function serializeRecentMessage(m: RecentMessage, tz: string) {
  return { ...m, sentAt: isoInTz(m.sentAt, tz) };
}
