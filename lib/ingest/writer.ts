import { isStorageFailure, StorageUnavailableError, ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { WriterPlans, withTransaction } from "../db/driver";
import { publishChange, type ChangeNotice } from "../realtime/bus";
import { commitWebhook, type WebhookJob, type WebhookResult } from "../webhooks/accept";
import { applyBatch, type BatchItem, type Outcome } from "./apply-batch";
import { commitBatch, type BatchJob, type BatchJobResult } from "./batch-job";
import { eventWeight, weight, type IngestEvent } from "./events";

// Group commit: concurrent requests queue their events; a lane takes everything queued for it (up
// to a cap) and applies it in one transaction, then acknowledges each request. Under load this
// turns N small transactions into a few.
//
// On PostgreSQL a process runs two lanes, and a request's events are split between them by
// message (or conversation), so the lanes rarely want the same advisory locks or delivery rows,
// and their counters go to separate rows (`shard`). Measured on the 2-core machines: with one
// lane, the database waited for Node's merge and Node waited for the database; with lanes that
// share messages, each waited for the other's locks. Only big requests are split (SPLIT_WORK). Correctness never depends on the split:
// applyBatch locks per message and conversation, so any two lanes (or app instances) are safe.
// PGlite is one connection: one lane.

// A transaction holds at most this many events (and this much work, counting a group send once
// per recipient). The event cap bounds the advisory locks a transaction takes (about one per
// message and conversation): PostgreSQL's shared lock table holds max_locks_per_transaction ×
// max_connections (6,400 by default) for all transactions together, and two lanes at 1,000
// events each stay far below it.
const MAX_EVENTS_PER_COMMIT = 1_000;
const MAX_WORK_PER_COMMIT = 5_000;
// Requests smaller than this all go to the first lane: what a transaction costs beyond its events
// (statements, planning, commit) is then shared by more of them. Measured with 32 concurrent
// single-event webhooks: one lane served 10–20 % more than two. Bigger requests are split over
// the lanes, so that two PostgreSQL backends apply them in parallel (the batch endpoint: +25 %).
const SPLIT_WORK = 100;

interface Pending {
  item: BatchItem;
  /** weight(item), counted once: takeGroup looks at it for every queued part. */
  work: number;
  resolve: (outcomes: Outcome[]) => void;
  reject: (err: unknown) => void;
}

/** Conflicts between concurrent lanes: worth another try of the same group. */
function isConflict(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ""} ${(err as Error)?.message ?? ""}`;
  return /40P01|40001|23505|deadlock|could not serialize|duplicate key/i.test(text);
}

export function defaultLanes(kind: Db["driver"]["kind"]): number {
  return kind === "pg" ? 2 : 1;
}

export class IngestWriter {
  private queues: Pending[][] = [];
  private busy: boolean[] = [];
  private router = new LaneRouter();
  private plans = new WriterPlans();
  /** Transactions committed and requests acknowledged, for tests and benchmarks. */
  readonly stats = { commits: 0, requests: 0, events: 0 };

  constructor(
    private readonly db: () => Promise<Pick<Db, "driver">>,
    private readonly lanes: (kind: Db["driver"]["kind"]) => number = defaultLanes,
    /** Where change notices go after each commit (the worker thread sends them to the HTTP thread). */
    private readonly publish: (notice: ChangeNotice) => void = publishChange,
  ) {}

  submitWebhook(job: WebhookJob): Promise<WebhookResult> {
    return commitWebhook(this, job);
  }

  submitBatch(job: BatchJob): Promise<BatchJobResult> {
    return commitBatch(this, job);
  }

  /** Resolves with one outcome per event once they are durably committed. */
  async submit(item: BatchItem): Promise<Outcome[]> {
    // A request whose events were all skipped is still kept for replay (a later adapter may read more in it).
    if (item.events.length === 0) return item.request ? this.enqueue(0, item) : [];
    const db = await this.db().catch(() => null);
    const n = db && weight(item) >= SPLIT_WORK ? Math.max(1, this.lanes(db.driver.kind)) : 1;
    // Split by lane, then into parts a transaction can hold, keeping each event's position for
    // the answer. The request answers once every part is committed; a retry after a partial
    // failure finds the committed parts as duplicates.
    const lanes = Array.from({ length: n }, () => ({ events: [] as BatchItem["events"], at: [] as number[] }));
    item.events.forEach((ev, i) => {
      const l = lanes[n === 1 ? 0 : this.router.laneOf(ev, n)];
      l.events.push(ev);
      l.at.push(i);
    });
    const parts = lanes.flatMap((l, lane) => chunk(l.events, l.at).map((c) => ({ lane, ...c })));
    const outcomes: Outcome[] = new Array(item.events.length);
    await Promise.all(
      parts.map(async (p, k) => {
        // The request's own record (kept for replay) goes with its first part.
        const res = await this.enqueue(p.lane, { ...item, events: p.events, request: k === 0 ? item.request : undefined });
        res.forEach((o, j) => (outcomes[p.at[j]] = o));
      }),
    );
    return outcomes;
  }

  private enqueue(lane: number, item: BatchItem): Promise<Outcome[]> {
    return new Promise((resolve, reject) => {
      (this.queues[lane] ??= []).push({ item, work: weight(item), resolve, reject });
      this.pump(lane);
    });
  }

  private pump(lane: number): void {
    const queue = this.queues[lane];
    if (this.busy[lane] || !queue?.length) return;
    this.busy[lane] = true;
    const group = takeGroup(queue);
    void this.commit(group, lane).finally(() => {
      this.busy[lane] = false;
      this.pump(lane);
    });
  }

  private async commit(group: Pending[], lane: number): Promise<void> {
    try {
      await this.runRetrying(group, lane);
    } catch (err) {
      if (isStorageFailure(err) || group.length === 1) {
        for (const p of group) p.reject(classify(err));
        return;
      }
      // One bad request must not fail its neighbours: retry each on its own.
      for (const p of group) {
        try {
          await this.runRetrying([p], lane);
        } catch (e) {
          p.reject(classify(e));
        }
      }
    }
  }

  private async runRetrying(group: Pending[], lane: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(group, lane);
      } catch (err) {
        if (attempt >= 3 || !isConflict(err)) throw err;
      }
    }
  }

  private async run(group: Pending[], lane: number): Promise<void> {
    const db = await this.db().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const items = group.map((p) => p.item);
    // Other lanes and instances may write the same workspace at the same time: lock on PostgreSQL.
    const events = items.reduce((n, it) => n + it.events.length, 0);
    const result = await withTransaction(db.driver, (tx) => applyBatch(tx, items, { lock: db.driver.kind === "pg", shard: lane }), {
      plans: this.plans,
    });
    this.plans.add(events);
    this.stats.commits++;
    this.stats.requests += group.length;
    this.stats.events += events;
    group.forEach((p, i) => p.resolve(result.outcomes[i]));
    const at = new Date().toISOString();
    for (const [workspaceId, deliveries] of result.changes) this.publish({ workspaceId, at, deliveries });
  }
}

function takeGroup(queue: Pending[]): Pending[] {
  const group: Pending[] = [];
  let events = 0;
  let work = 0;
  while (
    queue.length &&
    (group.length === 0 || (events + queue[0].item.events.length <= MAX_EVENTS_PER_COMMIT && work + queue[0].work <= MAX_WORK_PER_COMMIT))
  ) {
    const p = queue.shift()!;
    events += p.item.events.length;
    work += p.work;
    group.push(p);
  }
  return group;
}

/** Consecutive parts of at most MAX_EVENTS_PER_COMMIT events and MAX_WORK_PER_COMMIT work. */
function chunk(events: BatchItem["events"], at: number[]): { events: BatchItem["events"]; at: number[] }[] {
  const out: { events: BatchItem["events"]; at: number[] }[] = [];
  let cur = { events: [] as BatchItem["events"], at: [] as number[] };
  let work = 0;
  events.forEach((ev, i) => {
    const w = eventWeight(ev);
    if (cur.events.length && (cur.events.length >= MAX_EVENTS_PER_COMMIT || work + w > MAX_WORK_PER_COMMIT)) {
      out.push(cur);
      cur = { events: [], at: [] };
      work = 0;
    }
    cur.events.push(ev);
    cur.at.push(at[i]);
    work += w;
  });
  if (cur.events.length) out.push(cur);
  return out;
}

/**
 * Which lane an event goes to: by conversation where known (a watermark and the messages it
 * covers then share a lane), else by message. The message → conversation map learns from sends
 * that pass through; it only steers traffic — a miss costs a lock wait, never correctness.
 */
class LaneRouter {
  private conversations = new Map<string, string>();

  constructor(private readonly remember = 100_000) {}

  laneOf(ev: IngestEvent, lanes: number): number {
    let id: string;
    if (ev.type === "message.sent") {
      const c = ev.message.conversationId;
      if (c) this.learn(ev.message.id, c);
      id = c ?? ev.message.id;
    } else if ("messageId" in ev) id = this.conversations.get(ev.messageId) ?? ev.messageId;
    else id = ev.conversationId;
    return fnv1a(id) % lanes;
  }

  private learn(messageId: string, conversationId: string): void {
    if (this.conversations.size >= this.remember) this.conversations.delete(this.conversations.keys().next().value!);
    this.conversations.set(messageId, conversationId);
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function classify(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  if (isStorageFailure(err) || isConflict(err)) return new StorageUnavailableError(err);
  // Data errors (class 22) and limits (54) come from a value the parser let through: the
  // request is at fault, and retrying it cannot help.
  const state = String((err as { code?: unknown })?.code ?? "");
  if (/^(22|54)/.test(state)) return new ApiError("bad_request", `A value in the request cannot be stored: ${(err as Error).message}`);
  return err;
}
