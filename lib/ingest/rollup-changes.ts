import type { Tx } from "../db/sql";
import { contributionOf, rollupKeyString, type DeliveryState, type RollupKey } from "./delivery-state";
import { addRollups, type FailureDelta, type RollupDelta } from "./store";

/**
 * What changes of delivery state add to the rollups: the old state's contribution taken away
 * (sign −1), the new one's added (+1), summed per rollup row, then written in one go. Ingestion
 * and erasure both count through this.
 */
export class RollupChanges {
  private readonly deltas = new Map<string, RollupDelta>();
  private readonly bins = new Map<string, { key: RollupKey; bin: number; count: number }>();
  private readonly failures = new Map<string, FailureDelta>();

  add(s: DeliveryState, sign: 1 | -1): void {
    const c = contributionOf(s);
    const ks = rollupKeyString(c.key);
    const d = this.deltas.get(ks) ?? { key: c.key, sent: 0, delivered: 0, read: 0, failed: 0, ttrSum: 0 };
    d.sent += sign * c.sent;
    d.delivered += sign * c.delivered;
    d.read += sign * c.read;
    d.failed += sign * c.failed;
    d.ttrSum += sign * c.ttrSum;
    this.deltas.set(ks, d);
    if (c.ttrBin !== null) {
      const bk = `${ks}\u0000${c.ttrBin}`;
      const b = this.bins.get(bk) ?? { key: c.key, bin: c.ttrBin, count: 0 };
      b.count += sign;
      this.bins.set(bk, b);
    }
    if (c.failed) {
      const code = s.errorCode ?? "";
      const title = s.errorTitle ?? "";
      const fk = `${ks}\u0000${code}\u0000${title}`;
      const f = this.failures.get(fk) ?? { key: c.key, code, title, count: 0 };
      f.count += sign;
      this.failures.set(fk, f);
    }
  }

  /** Adds the summed changes to the rollup rows of `shard`. */
  write(tx: Tx, shard: number): Promise<void> {
    return addRollups(
      tx,
      shard,
      [...this.deltas.values()].filter((d) => d.sent || d.delivered || d.read || d.failed || d.ttrSum),
      [...this.bins.values()].filter((b) => b.count !== 0),
      [...this.failures.values()].filter((f) => f.count !== 0),
    );
  }
}
