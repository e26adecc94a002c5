import type { MessageKind, ReceiptKind } from "./events";
import { ttrBin } from "../metrics/ttr-histogram";

// Delivery state is a join-semilattice: every timestamp keeps the earliest report of its stage
// and the status is derived from which stages were reached. Merging is commutative, associative
// and idempotent, so a shuffled, duplicated stream ends in exactly the in-order state — which is
// what product.md demands (monotonic status, read implies delivered, failed-then-delivered).

export type Status = "sent" | "delivered" | "read" | "failed";

export interface DeliveryDims {
  kind: MessageKind;
  senderId: string | null;
  conversationId: string | null;
  campaignId: string | null;
  variant: string | null;
  announcementId: string | null;
  sourceId: string | null;
}

export interface DeliveryState extends DeliveryDims {
  workspaceId: string;
  messageId: string;
  recipientId: string;
  /** The message's first send time; the cohort falls back to it when this delivery's is unknown. */
  messageSentAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  readByWatermark: boolean;
  errorCode: string | null;
  errorTitle: string | null;
  clientPlatform: string | null;
}

export interface Fact {
  kind: ReceiptKind;
  at: Date;
  watermark?: boolean;
  error?: { code: string | null; title: string | null } | null;
  clientPlatform?: string | null;
}

/** A delivery with nothing reported yet, carrying its message's attributes. */
export function newDelivery(
  workspaceId: string,
  messageId: string,
  recipientId: string,
  m: DeliveryDims & { sentAt: Date },
): DeliveryState {
  return {
    workspaceId,
    messageId,
    recipientId,
    messageSentAt: m.sentAt,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    readByWatermark: false,
    errorCode: null,
    errorTitle: null,
    clientPlatform: null,
    ...dimsOf(m),
  };
}

/** The message attributes a delivery carries (copied so dashboards and deltas need no join). */
export function dimsOf(m: DeliveryDims): DeliveryDims {
  return {
    kind: m.kind,
    senderId: m.senderId,
    conversationId: m.conversationId,
    campaignId: m.campaignId,
    variant: m.variant,
    announcementId: m.announcementId,
    sourceId: m.sourceId,
  };
}

const RANK: Record<ReceiptKind, number> = { sent: 1, delivered: 2, read: 3, failed: 0 };

export function statusOf(s: Pick<DeliveryState, "deliveredAt" | "readAt" | "failedAt">): Status {
  if (s.readAt) return "read";
  if (s.deliveredAt) return "delivered";
  if (s.failedAt) return "failed";
  return "sent";
}

export function cohortOf(s: Pick<DeliveryState, "sentAt" | "messageSentAt">): Date {
  return s.sentAt ?? s.messageSentAt;
}

const earlier = (a: Date | null, b: Date): boolean => a === null || b.getTime() < a.getTime();

export interface MergeResult {
  state: DeliveryState;
  changed: boolean;
  /** The fact reports a stage below what the delivery had already reached. */
  outOfOrder: boolean;
}

export function mergeFact(prev: DeliveryState, fact: Fact): MergeResult {
  const state: DeliveryState = { ...prev };
  return { state, ...mergeInto(state, fact) };
}

/** mergeFact in place, for the ingestion loop (one copy per delivery, not one per fact). */
export function mergeInto(s: DeliveryState, fact: Fact): { changed: boolean; outOfOrder: boolean } {
  const status = statusOf(s);
  const reached = status === "failed" ? 0 : RANK[status];
  const outOfOrder = fact.kind !== "failed" && RANK[fact.kind] < reached;
  let changed = false;
  switch (fact.kind) {
    case "sent":
      if (earlier(s.sentAt, fact.at)) ((s.sentAt = fact.at), (changed = true));
      break;
    case "delivered":
      if (earlier(s.deliveredAt, fact.at)) ((s.deliveredAt = fact.at), (changed = true));
      break;
    case "read": {
      // A per-message read beats a watermark read at the same instant: it is the exact time.
      const wm = fact.watermark === true;
      const better = earlier(s.readAt, fact.at) || (s.readAt?.getTime() === fact.at.getTime() && s.readByWatermark && !wm);
      if (better) ((s.readAt = fact.at), (s.readByWatermark = wm), (changed = true));
      break;
    }
    case "failed":
      if (earlier(s.failedAt, fact.at)) {
        s.failedAt = fact.at;
        s.errorCode = fact.error?.code ?? null;
        s.errorTitle = fact.error?.title ?? null;
        changed = true;
      }
      break;
  }
  if (!s.clientPlatform && fact.clientPlatform) ((s.clientPlatform = fact.clientPlatform), (changed = true));
  return { changed, outOfOrder };
}

export function sameState(a: DeliveryState, b: DeliveryState): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return (
    t(a.sentAt) === t(b.sentAt) &&
    t(a.deliveredAt) === t(b.deliveredAt) &&
    t(a.readAt) === t(b.readAt) &&
    t(a.failedAt) === t(b.failedAt) &&
    a.readByWatermark === b.readByWatermark &&
    a.errorCode === b.errorCode &&
    a.clientPlatform === b.clientPlatform &&
    t(a.messageSentAt) === t(b.messageSentAt) &&
    a.kind === b.kind &&
    a.senderId === b.senderId &&
    a.conversationId === b.conversationId &&
    a.campaignId === b.campaignId &&
    a.variant === b.variant &&
    a.announcementId === b.announcementId &&
    a.sourceId === b.sourceId
  );
}

// ---- Rollup contributions -------------------------------------------------------------------

const QUARTER_HOUR = 15 * 60 * 1000;

export function bucketStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / QUARTER_HOUR) * QUARTER_HOUR);
}

/** Seconds from send to read; the cohort time stands in when the delivery's send is unknown. */
export function timeToReadSeconds(s: DeliveryState): number | null {
  if (!s.readAt) return null;
  return Math.max(0, (s.readAt.getTime() - cohortOf(s).getTime()) / 1000);
}

export interface RollupKey {
  workspaceId: string;
  bucketStart: Date;
  kind: MessageKind;
  campaignId: string;
  variant: string;
  announcementId: string;
  senderId: string;
  sourceId: string;
  clientPlatform: string;
}

export interface Contribution {
  key: RollupKey;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  ttrSum: number;
  ttrBin: number | null;
}

/** What one delivery in this state adds to the rollups (counts reflect the *current* status). */
export function contributionOf(s: DeliveryState): Contribution {
  const status = statusOf(s);
  const ttr = timeToReadSeconds(s);
  return {
    key: {
      workspaceId: s.workspaceId,
      bucketStart: bucketStart(cohortOf(s)),
      kind: s.kind,
      campaignId: s.campaignId ?? "",
      variant: s.variant ?? "",
      announcementId: s.announcementId ?? "",
      senderId: s.senderId ?? "",
      sourceId: s.sourceId ?? "",
      clientPlatform: s.clientPlatform ?? "",
    },
    sent: 1,
    delivered: status === "delivered" || status === "read" ? 1 : 0,
    read: status === "read" ? 1 : 0,
    failed: status === "failed" ? 1 : 0,
    ttrSum: ttr ?? 0,
    ttrBin: ttr === null ? null : ttrBin(ttr),
  };
}

export function rollupKeyString(k: RollupKey): string {
  return [
    k.workspaceId,
    k.bucketStart.toISOString(),
    k.kind,
    k.campaignId,
    k.variant,
    k.announcementId,
    k.senderId,
    k.sourceId,
    k.clientPlatform,
  ].join("\u0000");
}
