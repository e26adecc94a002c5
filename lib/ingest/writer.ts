import { isStorageFailure, StorageUnavailableError, ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { publishChange } from "../realtime/bus";
import { applyBatch, type BatchItem, type Outcome } from "./apply-batch";

// Group commit: concurrent requests queue their events; one writer takes everything queued (up
// to a cap) and applies it in one transaction, then acknowledges each request. Under load this
// turns N small transactions into one, and it serialises writers within the process, so PGlite
// (single-connection) and PostgreSQL take the same path.

const MAX_EVENTS_PER_COMMIT = 5_000;

interface Pending {
  item: BatchItem;
  resolve: (outcomes: Outcome[]) => void;
  reject: (err: unknown) => void;
}

export class IngestWriter {
  private queue: Pending[] = [];
  private running = false;
  /** Transactions committed and requests acknowledged, for tests and benchmarks. */
  readonly stats = { commits: 0, requests: 0, events: 0 };

  constructor(private readonly db: () => Promise<Db>) {}

  /** Resolves with one outcome per event once they are durably committed. */
  submit(item: BatchItem): Promise<Outcome[]> {
    if (item.events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const group: Pending[] = [];
        let n = 0;
        while (this.queue.length && (group.length === 0 || n + this.queue[0].item.events.length <= MAX_EVENTS_PER_COMMIT)) {
          const p = this.queue.shift()!;
          n += p.item.events.length;
          group.push(p);
        }
        await this.commit(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      await this.run(group);
    } catch (err) {
      if (isStorageFailure(err) || group.length === 1) {
        for (const p of group) p.reject(classify(err));
        return;
      }
      // One bad request must not fail its neighbours: retry each on its own.
      for (const p of group) {
        try {
          await this.run([p]);
        } catch (e) {
          p.reject(classify(e));
        }
      }
    }
  }

  private async run(group: Pending[]): Promise<void> {
    const db = await this.db().catch((e) => {
      throw new StorageUnavailableError(e);
    });
    const items = group.map((p) => p.item);
    const result = await db.prisma.$transaction((tx) => applyBatch(tx, items), { timeout: 60_000, maxWait: 30_000 });
    this.stats.commits++;
    this.stats.requests += group.length;
    this.stats.events += items.reduce((n, it) => n + it.events.length, 0);
    group.forEach((p, i) => p.resolve(result.outcomes[i]));
    const at = new Date().toISOString();
    for (const [workspaceId, deliveries] of result.changes) publishChange({ workspaceId, at, deliveries });
  }
}

function classify(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  return isStorageFailure(err) ? new StorageUnavailableError(err) : err;
}
