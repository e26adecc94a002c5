import { DeferredWrites, RawJson, type Tx } from "../db/sql";
import { groupBy } from "../group-by";
import { cohortOf, dimsOf, mergeInto, newDelivery, sameState, statusOf, type DeliveryState, type Fact } from "./delivery-state";
import { RECEIPT_KIND, type IngestEvent, type MessageInfo } from "./events";
import * as store from "./store";
import { RollupChanges } from "./rollup-changes";

// Applies a group of requests' events in one transaction: dedupe → register messages → release
// receipts that waited for them → expand watermarks → merge into delivery state → rollup deltas
// → append to the event log → health counters. The caller commits, then acknowledges.

export type Outcome = "applied" | "duplicate" | "stale" | "waiting";

export interface BatchItem {
  workspaceId: string;
  sourceId: string | null;
  receivedAt: Date;
  events: IngestEvent[];
  /** The webhook request itself, kept for replay in the same transaction as its events. */
  request?: store.RequestRow;
}

export interface ChangedDelivery {
  messageId: string;
  recipientId: string;
  status: string;
  kind: string;
  variant: string | null;
  sourceId: string | null;
  clientPlatform: string | null;
  readAt: string | null;
  senderId: string | null;
  conversationId: string | null;
  campaignId: string | null;
  announcementId: string | null;
}

export interface BatchResult {
  outcomes: Outcome[][];
  changes: Map<string, ChangedDelivery[]>;
}

type Receipt = Extract<IngestEvent, { type: "message.delivered" | "message.read" | "message.failed" }>;

interface Tagged {
  item: number;
  index: number;
  ws: string;
  sourceId: string | null;
  receivedAt: Date;
  ev: IngestEvent;
  outcome: Outcome;
  outOfOrder: boolean;
  /** For released waiting receipts: not part of this request, only their log row is updated. */
  released?: boolean;
}

// Map keys joining ids with U+0000 (never inside an id: the parser refuses it). Plain string
// concatenation: this runs several times per event.
function K(a: string, b: string, c?: string | null, d?: string, e?: string): string {
  let k = a + "\u0000" + b;
  if (c !== undefined) k += "\u0000" + c;
  if (d !== undefined) k += "\u0000" + d;
  if (e !== undefined) k += "\u0000" + e;
  return k;
}

function inferKind(m: MessageInfo): MessageRowKind {
  if (m.kind) return m.kind;
  if (m.campaignId) return "campaign";
  if (m.announcementId) return "announcement";
  return "direct";
}
type MessageRowKind = store.MessageRow["kind"];

/** Serialised form of a receipt parked in waiting_receipts. */
function parkReceipt(ev: Receipt): object {
  // The raw payload is already in the event log; the parked copy needs only the facts.
  return { ...ev, payload: null, raw: undefined, occurredAt: ev.occurredAt.toISOString() };
}
function unparkReceipt(json: unknown): Receipt {
  const o = json as Receipt & { occurredAt: string };
  return { ...o, occurredAt: new Date(o.occurredAt) };
}

export async function applyBatch(
  tx: Tx,
  items: BatchItem[],
  opts: { lock?: boolean; now?: Date; shard?: number } = {},
): Promise<BatchResult> {
  const now = opts.now ?? new Date();
  const shard = opts.shard ?? 0;
  const all: Tagged[] = items.flatMap((it, item) =>
    it.events.map((ev, index) => ({
      item,
      index,
      ws: it.workspaceId,
      sourceId: it.sourceId,
      receivedAt: it.receivedAt,
      ev,
      outcome: "stale" as Outcome,
      outOfOrder: false,
    })),
  );

  // Statements whose inputs are already known are issued together (Promise.all): the driver
  // sends each as soon as the previous one completes, without waiting for this code to run
  // again. Under load a turn of the event loop costs more than the statement itself.

  // 0–1. Concurrent writers touching the same message or conversation take turns: the locks are
  //    taken in one sorted pass (so writers cannot deadlock on them), and cover the conversation
  //    stored on each message, which a receipt does not name. In the same statement, the events
  //    already in the log; repeats within this batch are found below.
  const lockKeys = opts.lock ? all.flatMap((t) => scopeKeys(t.ws, t.ev)) : [];
  const lockMessages = opts.lock
    ? dedupe(
        all.map((t) => ({ ws: t.ws, id: messageIdOf(t.ev) })).filter((x): x is { ws: string; id: string } => x.id !== null),
        (x) => K(x.ws, x.id),
      )
    : [];
  const existing = await store.lockAndFindExisting(
    tx,
    dedupe(
      all.map((t) => ({ ws: t.ws, key: t.ev.key })),
      (k) => K(k.ws, k.key),
    ),
    lockKeys,
    lockMessages,
  );
  const seen = new Set<string>();
  const fresh: Tagged[] = [];
  for (const t of all) {
    const k = K(t.ws, t.ev.key);
    if (existing.has(k) || seen.has(k)) t.outcome = "duplicate";
    else (seen.add(k), fresh.push(t));
  }

  // 2. Register messages named by message.sent.
  const messages = new Map<string, store.MessageRow>();
  const sentMessages = new Map<string, store.MessageRow>();
  for (const t of fresh) {
    if (t.ev.type !== "message.sent") continue;
    const m = t.ev.message;
    const k = K(t.ws, m.id);
    const prev = sentMessages.get(k);
    const row: store.MessageRow = {
      workspaceId: t.ws,
      id: m.id,
      kind: inferKind(m),
      senderId: prev?.senderId ?? m.senderId ?? null,
      conversationId: prev?.conversationId ?? m.conversationId ?? null,
      campaignId: prev?.campaignId ?? m.campaignId ?? null,
      variant: prev?.variant ?? m.variant ?? null,
      announcementId: prev?.announcementId ?? m.announcementId ?? null,
      title: prev?.title ?? m.title ?? null,
      sourceId: prev?.sourceId ?? t.sourceId,
      sentAt: prev && prev.sentAt < t.ev.occurredAt ? prev.sentAt : t.ev.occurredAt,
    };
    if (prev && prev.kind !== "direct") row.kind = prev.kind;
    sentMessages.set(k, row);
  }
  // 3. …and, in the same statement, look up the messages of receipts that this batch does not
  //    register, and take the receipts that were waiting for the messages it registers.
  const receipts = fresh.filter((t): t is Tagged & { ev: Receipt } => t.ev.type in RECEIPT_KIND);
  const unknownIds = dedupe(
    receipts.filter((t) => !sentMessages.has(K(t.ws, t.ev.messageId))).map((t) => ({ ws: t.ws, id: t.ev.messageId })),
    (k) => K(k.ws, k.id),
  );
  const registered = await store.registerMessages(tx, [...sentMessages.values()], unknownIds);
  for (const m of registered.messages) messages.set(K(m.workspaceId, m.id), m);
  // Writes nobody reads back in this transaction go out together at the end, in one statement.
  const writes = new DeferredWrites(tx);
  await registerCatalog(writes, [...sentMessages.values()]);

  // 4. Receipts that were waiting for the messages this batch made known.
  const released: (Tagged & { ev: Receipt })[] = registered.waiting.map((w) => ({
    item: -1,
    index: -1,
    ws: w.ws,
    sourceId: w.sourceId,
    receivedAt: now,
    ev: unparkReceipt(w.event),
    outcome: "stale",
    outOfOrder: false,
    released: true,
  }));

  // 5. Collect facts per delivery.
  const facts = new Map<string, { ws: string; m: string; r: string; list: { fact: Fact; t: Tagged }[] }>();
  const addFact = (t: Tagged, ws: string, m: string, r: string, fact: Fact) => {
    const k = K(ws, m, r);
    let e = facts.get(k);
    if (!e) facts.set(k, (e = { ws, m, r, list: [] }));
    e.list.push({ fact, t });
  };
  const waiting: Parameters<typeof store.insertWaiting>[1] = [];
  for (const t of fresh) {
    if (t.ev.type !== "message.sent") continue;
    for (const r of t.ev.recipientIds)
      addFact(t, t.ws, t.ev.message.id, r, { kind: "sent", at: t.ev.occurredAt, clientPlatform: t.ev.clientPlatform });
  }
  for (const t of [...receipts, ...released]) {
    const ev = t.ev;
    if (!messages.has(K(t.ws, ev.messageId))) {
      t.outcome = "waiting";
      waiting.push({
        ws: t.ws,
        key: ev.key,
        messageId: ev.messageId,
        recipientId: ev.recipientId,
        sourceId: t.sourceId,
        receivedAt: t.receivedAt,
        event: parkReceipt(ev),
      });
      continue;
    }
    addFact(t, t.ws, ev.messageId, ev.recipientId, {
      kind: RECEIPT_KIND[ev.type],
      at: ev.occurredAt,
      clientPlatform: ev.clientPlatform,
      error: ev.type === "message.failed" ? ev.error : undefined,
    });
  }

  // 6. Watermarks: store them, and touch the known deliveries they cover.
  const marks = fresh.filter(
    (t): t is Tagged & { ev: Extract<IngestEvent, { type: "conversation.read" }> } => t.ev.type === "conversation.read",
  );
  const markRows = marks.map((t) => ({
    ws: t.ws,
    conversationId: t.ev.conversationId,
    readerId: t.ev.readerId,
    readUpTo: t.ev.readUpTo,
    readAt: t.ev.occurredAt,
  }));
  const [inserted, touchedByMarks] = await Promise.all([
    store.insertWatermarks(tx, markRows),
    store.findWatermarkedDeliveries(tx, markRows),
  ]);
  const newMarks = new Set(inserted.map(markKey));
  for (const t of marks) {
    t.outcome = newMarks.has(
      markKey({ ws: t.ws, conversationId: t.ev.conversationId, readerId: t.ev.readerId, readUpTo: t.ev.readUpTo, readAt: t.ev.occurredAt }),
    )
      ? "applied"
      : "stale";
  }

  // 7. Load (and lock) the current state of every touched delivery.
  const keys = dedupe(
    [...facts.values(), ...touchedByMarks, ...registered.moved].map((f) => ({ ws: f.ws, m: f.m, r: f.r })),
    (k) => K(k.ws, k.m, k.r),
  ).sort((a, b) => (K(a.ws, a.m, a.r) < K(b.ws, b.m, b.r) ? -1 : 1));
  // The watermarks of every (conversation, reader) involved come in the same trip. A delivery's
  // conversation is its message's; deliveries found through a watermark are in that one's.
  const markConversation = new Map(touchedByMarks.map((d) => [K(d.ws, d.m, d.r), d.c]));
  const scopes = dedupe(
    keys
      .map((k) => ({ ws: k.ws, c: messages.get(K(k.ws, k.m))?.conversationId ?? markConversation.get(K(k.ws, k.m, k.r)) ?? null, r: k.r }))
      .filter((s): s is { ws: string; c: string; r: string } => s.c !== null),
    (s) => K(s.ws, s.c, s.r),
  );
  const [rows, marksFound] = await Promise.all([store.lockDeliveries(tx, keys), store.findWatermarks(tx, scopes)]);
  const before = new Map(rows.map((d) => [K(d.workspaceId, d.messageId, d.recipientId), d]));

  // 8. Merge facts into state.
  const after = new Map<string, DeliveryState>();
  for (const k of keys) {
    const key = K(k.ws, k.m, k.r);
    const message = messages.get(K(k.ws, k.m));
    const prior = before.get(key);
    // A message's attributes can be completed by a later registration, and its first send time
    // moved earlier; its deliveries follow (and the rollup delta below moves their counts to the
    // right campaign, kind, cohort, …).
    // A fresh object per delivery, merged in place (`before` keeps the stored state for deltas).
    const state = prior ? (message ? withDims(prior, message) : { ...prior }) : newDelivery(k.ws, k.m, k.r, message!);
    for (const { fact, t } of facts.get(key)?.list ?? []) {
      const res = mergeInto(state, fact);
      if (res.changed) t.outcome = "applied";
      if (res.outOfOrder) t.outOfOrder = true;
    }
    after.set(key, state);
  }
  // A watermark read holds only while a watermark covers the delivery's cohort. The delivery's own
  // send time, arriving after the watermark, can move the cohort past it (in time order it was
  // never covered): such a read is taken back, and the explicit reads (logged or in this batch)
  // and the watermarks below find the read time again.
  const retake = keys.filter((k) => {
    const key = K(k.ws, k.m, k.r);
    const prior = before.get(key);
    const state = after.get(key)!;
    return prior !== undefined && state.readByWatermark && cohortOf(state).getTime() > cohortOf(prior).getTime();
  });
  if (retake.length) {
    const logged = new Map((await store.firstExplicitReads(tx, retake)).map((x) => [K(x.ws, x.m, x.r), x.at]));
    for (const k of retake) {
      const key = K(k.ws, k.m, k.r);
      const state = after.get(key)!;
      state.readAt = null;
      state.readByWatermark = false;
      const at = logged.get(key);
      if (at) mergeInto(state, { kind: "read", at });
      for (const { fact } of facts.get(key)?.list ?? []) if (fact.kind === "read") mergeInto(state, fact);
    }
  }
  // Watermarks are checked against each delivery's final cohort time, whichever arrived first.
  const marksByScope = groupBy(marksFound, (w) => K(w.ws, w.conversationId, w.readerId));
  for (const state of after.values()) {
    if (!state.conversationId) continue;
    for (const w of marksByScope.get(K(state.workspaceId, state.conversationId, state.recipientId)) ?? []) {
      if (w.readUpTo.getTime() >= cohortOf(state).getTime()) mergeInto(state, { kind: "read", at: w.readAt, watermark: true });
    }
  }

  // 9. Write changed deliveries and their rollup deltas.
  const changed: { state: DeliveryState; status: string; cohortAt: Date }[] = [];
  const rollups = new RollupChanges();
  const changes = new Map<string, ChangedDelivery[]>();
  for (const [key, s] of after) {
    const old = before.get(key);
    if (old && sameState(old, s)) continue;
    changed.push({ state: s, status: statusOf(s), cohortAt: cohortOf(s) });
    if (old) rollups.add(old, -1);
    rollups.add(s, 1);
    const list = changes.get(s.workspaceId) ?? [];
    list.push({
      messageId: s.messageId,
      recipientId: s.recipientId,
      status: statusOf(s),
      kind: s.kind,
      variant: s.variant,
      sourceId: s.sourceId,
      clientPlatform: s.clientPlatform,
      readAt: s.readAt ? s.readAt.toISOString() : null,
      senderId: s.senderId,
      conversationId: s.conversationId,
      campaignId: s.campaignId,
      announcementId: s.announcementId,
    });
    changes.set(s.workspaceId, list);
  }
  await store.writeDeliveries(writes, changed, now);
  await rollups.write(writes, shard);

  // 10. Support conversations: inbound messages and the latest outbound.
  const touched = await recordConversations(writes, fresh, messages);
  if (touched.length) {
    // Reply pairs read the messages and conversations written above: those go first.
    await writes.flush();
    // One statement of its own (it holds data-modifying CTEs, which a deferred part cannot).
    await store.recomputeReplies(tx, touched, shard);
  }

  // 11. The event log (duplicates included), parked receipts, released receipts' outcomes.
  await store.insertEvents(writes, all.map(toEventRow));
  await store.insertWaiting(writes, waiting);
  await store.setOutcomes(
    writes,
    released.filter((t) => t.outcome !== "waiting").map((t) => ({ ws: t.ws, key: t.ev.key, outcome: t.outcome })),
  );
  await store.addSourceStats(writes, sourceStats(all, released), shard);
  await store.insertRequests(
    writes,
    items.flatMap((it) => (it.request ? [it.request] : [])),
  );
  // Sent with COMMIT right behind it where the driver allows (see SqlTx.last).
  if (tx.last) tx.last(writes.flush());
  else await writes.flush();

  const outcomes = items.map((it) => it.events.map(() => "stale" as Outcome));
  for (const t of all) outcomes[t.item][t.index] = t.outcome;
  return { outcomes, changes };
}

function withDims(s: DeliveryState, m: store.MessageRow): DeliveryState {
  // The message's first send time as stored (the earliest reported, whichever came first).
  const messageSentAt = s.sentAt === null && m.sentAt < s.messageSentAt ? m.sentAt : s.messageSentAt;
  return { ...s, ...dimsOf(m), messageSentAt };
}

function messageIdOf(ev: IngestEvent): string | null {
  if (ev.type === "message.sent") return ev.message.id;
  return "messageId" in ev ? ev.messageId : null;
}

/** Lock keys: the message and the conversation an event touches. */
function scopeKeys(ws: string, ev: IngestEvent): string[] {
  switch (ev.type) {
    case "message.sent":
      return [K(ws, "m", ev.message.id), ...(ev.message.conversationId ? [K(ws, "c", ev.message.conversationId)] : [])];
    case "conversation.read":
    case "message.received":
      return [K(ws, "c", ev.conversationId)];
    default:
      return [K(ws, "m", ev.messageId)];
  }
}

async function registerCatalog(tx: Tx, rows: store.MessageRow[]): Promise<void> {
  const campaigns = dedupe(
    rows.filter((m) => m.campaignId).map((m) => ({ ws: m.workspaceId, id: m.campaignId!, title: m.title })),
    (c) => K(c.ws, c.id),
  );
  const variants = dedupe(
    rows.filter((m) => m.campaignId && m.variant).map((m) => ({ ws: m.workspaceId, campaignId: m.campaignId!, variant: m.variant! })),
    (v) => K(v.ws, v.campaignId, v.variant),
  );
  const announcements = dedupe(
    rows.filter((m) => m.announcementId).map((m) => ({ ws: m.workspaceId, id: m.announcementId!, title: m.title })),
    (a) => K(a.ws, a.id),
  );
  await store.upsertCatalog(tx, campaigns, variants, announcements);
}

/** Returns the conversations touched, whose reply pairs need recomputing. */
async function recordConversations(
  tx: Tx,
  fresh: Tagged[],
  messages: Map<string, store.MessageRow>,
): Promise<{ ws: string; id: string }[]> {
  const inbound: Parameters<typeof store.insertInbound>[1] = [];
  const convs = new Map<string, Parameters<typeof store.upsertConversations>[1][number]>();
  const conv = (ws: string, id: string, sourceId: string | null) => {
    const k = K(ws, id);
    let c = convs.get(k);
    if (!c) convs.set(k, (c = { ws, id, customerId: null, sourceId, firstIn: null, lastIn: null, lastOut: null }));
    return c;
  };
  const min = (a: Date | null, b: Date) => (a && a < b ? a : b);
  const max = (a: Date | null, b: Date) => (a && a > b ? a : b);
  for (const t of fresh) {
    if (t.ev.type === "message.received") {
      t.outcome = "applied";
      inbound.push({
        ws: t.ws,
        conversationId: t.ev.conversationId,
        key: t.ev.key,
        senderId: t.ev.senderId,
        sourceId: t.sourceId,
        at: t.ev.occurredAt,
      });
      const c = conv(t.ws, t.ev.conversationId, t.sourceId);
      c.customerId ??= t.ev.senderId;
      c.firstIn = min(c.firstIn, t.ev.occurredAt);
      c.lastIn = max(c.lastIn, t.ev.occurredAt);
    } else if (t.ev.type === "message.sent") {
      const m = messages.get(K(t.ws, t.ev.message.id));
      if (m?.kind !== "support" || !m.conversationId) continue;
      const c = conv(t.ws, m.conversationId, t.sourceId);
      c.lastOut = max(c.lastOut, t.ev.occurredAt);
    }
  }
  await store.insertInbound(tx, inbound);
  await store.upsertConversations(tx, [...convs.values()]);
  return [...convs.values()];
}

function toEventRow(t: Tagged): store.EventRow {
  const ev = t.ev;
  const recipientId =
    ev.type === "message.sent"
      ? ev.recipientIds.length === 1
        ? ev.recipientIds[0]
        : null
      : ev.type === "conversation.read"
        ? ev.readerId
        : ev.type === "message.received"
          ? null
          : ev.recipientId;
  return {
    ws: t.ws,
    sourceId: t.sourceId,
    key: ev.key,
    duplicate: t.outcome === "duplicate",
    type: ev.type,
    messageId: ev.type === "message.sent" ? ev.message.id : "messageId" in ev ? ev.messageId : null,
    recipientId,
    conversationId: "conversationId" in ev ? ev.conversationId : ev.type === "message.sent" ? (ev.message.conversationId ?? null) : null,
    occurredAt: ev.occurredAt,
    receivedAt: t.receivedAt,
    timeSource: ev.timeSource,
    outcome: t.outcome,
    payload: ev.raw !== undefined ? new RawJson(ev.raw) : ((ev.payload ?? null) as object | null),
  };
}

/** Health counters; `waiting` is the number of receipts currently parked, per source. */
function sourceStats(all: Tagged[], released: Tagged[]): store.StatsDelta[] {
  const stats = new Map<string, store.StatsDelta>();
  const of = (t: Tagged) => {
    const k = K(t.ws, t.sourceId ?? "");
    let s = stats.get(k);
    if (!s) stats.set(k, (s = store.statsDelta(t.ws, t.sourceId ?? "", {})));
    return s;
  };
  for (const t of all) {
    const s = of(t);
    if (t.outcome === "duplicate") s.duplicates++;
    else s.accepted++;
    if (t.outcome === "waiting") s.waiting++;
    if (t.outOfOrder) s.outOfOrder++;
    if (!s.lastEventAt || t.ev.occurredAt > s.lastEventAt) s.lastEventAt = t.ev.occurredAt;
    if (!s.lastReceivedAt || t.receivedAt > s.lastReceivedAt) s.lastReceivedAt = t.receivedAt;
  }
  for (const t of released) if (t.outcome !== "waiting") of(t).waiting--;
  return [...stats.values()];
}

function markKey(w: store.WatermarkRow): string {
  return K(w.ws, w.conversationId, w.readerId, new Date(w.readUpTo).toISOString(), new Date(w.readAt).toISOString());
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
  return [...m.values()];
}
