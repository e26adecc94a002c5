import path from "node:path";
import { Worker } from "node:worker_threads";
import { StorageUnavailableError } from "../api/errors";
import { publishChange } from "../realtime/bus";
import type { BatchItem, Outcome } from "./apply-batch";
import { fromWire, type FromWorker, type ToWorker } from "./worker-protocol";

// On PostgreSQL the group-commit writer runs in a worker thread (writer-worker.ts). Node serves
// HTTP on one thread: measured with 32 concurrent single-event webhooks, merging receipts and
// the database round trips of each commit took as much of that thread as Next.js's own request
// handling, while the second core sat half idle. The worker moves them to that core; requests
// keep their group commit, and an answer still waits for the commit.
//
// If the worker dies, requests in flight get 503 (nothing was acknowledged, so platforms retry)
// and the next request starts a new one.

const TSX_BOOT = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(require("node:worker_threads").workerData.entry); })`;

export class WorkerWriter {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (o: Outcome[]) => void; reject: (e: unknown) => void }>();
  private nextId = 1;

  constructor(private readonly databaseUrl: string) {}

  submit(item: BatchItem): Promise<Outcome[]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, item } satisfies ToWorker);
    });
  }

  /** Stops the worker (tests); requests in flight get 503. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
    this.failAll(new Error("the ingestion worker was stopped"));
  }

  private start(): Worker {
    const workerData = { databaseUrl: this.databaseUrl };
    // Next.js bundles the worker from this `new URL(…)`; under Vitest it is the TypeScript source,
    // which a Node worker loads through tsx.
    const worker = process.env.VITEST
      ? new Worker(TSX_BOOT, { eval: true, workerData: { ...workerData, entry: path.join(import.meta.dirname, "writer-worker.ts") } })
      : new Worker(new URL("./writer-worker.ts", import.meta.url), { workerData });
    // The HTTP server keeps the process alive; an idle worker must not.
    worker.unref();
    worker.on("message", (m: FromWorker) => {
      if ("notice" in m) return publishChange(m.notice);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ("outcomes" in m) p.resolve(m.outcomes);
      else p.reject(fromWire(m.error));
    });
    const gone = (err: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      console.error("ingestion worker stopped:", err);
      this.failAll(err);
    };
    worker.on("error", gone);
    worker.on("exit", (code) => gone(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(cause: unknown): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new StorageUnavailableError(cause));
  }
}
