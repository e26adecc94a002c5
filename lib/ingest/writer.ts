import { isStorageFailure, StorageUnavailableError, ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { withTransaction } from "../db/driver";
import { publishChange } from "../realtime/bus";
import { applyBatch, type BatchItem, type Outcome } from "./apply-batch";

// Group commit: concurrent requests queue their events; a free lane takes everything queued (up
// to a cap) and applies it in one transaction, then acknowledges each request. Under load this
// turns N small transactions into a few. One lane per process by default: measured on the
// 2-core machines, a second lane lowered both webhook and batch throughput (smaller groups, hot
// rollup rows). Several lanes, or several app instances, are safe on PostgreSQL: applyBatch
// takes advisory locks per message and conversation there.

const MAX_EVENTS_PER_COMMIT = 5_000;

interface Pending {
  item: BatchItem;
  resolve: (outcomes: Outcome[]) => void;
  reject: (err: unknown) => void;
}

/** Conflicts between concurrent lanes: worth another try of the same group. */
function isConflict(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ""} ${(err as Error)?.message ?? ""}`;
  return /40P01|40001|23505|deadlock|could not serialize|duplicate key/i.test(text);
}

export class IngestWriter {
  private queue: Pending[] = [];
  private active = 0;
  /** Transactions committed and requests acknowledged, for tests and benchmarks. */
  readonly stats = { commits: 0, requests: 0, events: 0 };

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly lanes: (kind: Db["driver"]["kind"]) => number = () => 1,
  ) {}

  /** Resolves with one outcome per event once they are durably committed. */
  submit(item: BatchItem): Promise<Outcome[]> {
    if (item.events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    const db = await this.db().catch(() => null);
    const lanes = db ? this.lanes(db.driver.kind) : 1;
    while (this.active < lanes && this.queue.length) {
      const group = this.takeGroup();
      this.active++;
      void this.commit(group).finally(() => {
        this.active--;
        void this.pump();
      });
    }
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let n = 0;
    while (this.queue.length && (group.length === 0 || n + weight(this.queue[0].item) <= MAX_EVENTS_PER_COMMIT)) {
      const p = this.queue.shift()!;
      n += weight(p.item);
      group.push(p);
    }
    return group;
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      await this.runRetrying(group);
    } catch (err) {
      if (isStorageFailure(err) || group.length === 1) {
        for (const p of group) p.reject(classify(err));
        return;
      }
      // One bad request must not fail its neighbours: retry each on its own.
      for (const p of group) {
        try {
          await this.runRetrying([p]);
        } catch (e) {
          p.reject(classify(e));
        }
      }
    }
  }

  private async runRetrying(group: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(group);
      } catch (err) {
        if (attempt >= 3 || !isConflict(err)) throw err;
      }
    }
  }

  private async run(group: Pending[]): Promise<void> {
    const db = await this.db().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const items = group.map((p) => p.item);
    // Other instances may write the same workspace at the same time: lock on PostgreSQL.
    const result = await withTransaction(db.driver, (tx) => applyBatch(tx, items, { lock: db.driver.kind === "pg" }));
    this.stats.commits++;
    this.stats.requests += group.length;
    this.stats.events += items.reduce((n, it) => n + it.events.length, 0);
    group.forEach((p, i) => p.resolve(result.outcomes[i]));
    const at = new Date().toISOString();
    for (const [workspaceId, deliveries] of result.changes) publishChange({ workspaceId, at, deliveries });
  }
}

/** Work in a request: events, with a group send counting once per recipient. */
export function weight(item: Pick<BatchItem, "events">): number {
  let n = 0;
  for (const e of item.events) n += e.type === "message.sent" ? Math.max(1, e.recipientIds.length) : 1;
  return n;
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
