export interface SplitRow {
  key: string;
  label: string | null;
  platform: string | null;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface SplitBar {
  key: string;
  label: string;
  sent: number;
  delivered: number;
  read: number;
  deliveryRate: number | null;
  readRate: number | null;
}

/** Rows → bars, largest first, with rates (null on zero denominators) and display labels. */
export function toSplitBars(rows: SplitRow[], labelFor: (row: SplitRow) => string): SplitBar[] {
  const merged = new Map<string, SplitRow>();
  for (const r of rows) {
    const m = merged.get(r.key);
    if (m)
      merged.set(r.key, {
        ...m,
        sent: m.sent + r.sent,
        delivered: m.delivered + r.delivered,
        read: m.read + r.read,
        failed: m.failed + r.failed,
      });
    else merged.set(r.key, { ...r });
  }
  return [...merged.values()]
    .filter((r) => r.sent > 0)
    .sort((a, b) => b.sent - a.sent || a.key.localeCompare(b.key))
    .map((r) => ({
      key: r.key,
      label: labelFor(r),
      sent: r.sent,
      delivered: r.delivered,
      read: r.read,
      deliveryRate: r.sent > 0 ? r.delivered / r.sent : null,
      readRate: r.delivered > 0 ? r.read / r.delivered : null,
    }));
}
