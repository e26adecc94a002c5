import { EventEmitter } from "node:events";
import type { ChangedDelivery } from "../ingest/apply-batch";

// In-process change bus: ingestion publishes after commit, SSE streams subscribe. One instance
// per process (kept across dev reloads); a multi-instance deployment adds LISTEN/NOTIFY behind it.

export interface ChangeNotice {
  workspaceId: string;
  at: string;
  deliveries: ChangedDelivery[];
}

const holder = globalThis as unknown as { __receiptsBus?: EventEmitter };
const bus = (holder.__receiptsBus ??= new EventEmitter().setMaxListeners(0));

export function publishChange(notice: ChangeNotice): void {
  bus.emit("change", notice);
}

export function onChange(listener: (n: ChangeNotice) => void): () => void {
  bus.on("change", listener);
  return () => bus.off("change", listener);
}
