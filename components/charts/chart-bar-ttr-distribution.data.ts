import { ttrBinValue } from "@/lib/metrics/ttr-histogram";

export interface TtrBinRow {
  bin: number;
  count: number;
}

/** The product's distribution bands (product.md Metrics), upper edges in seconds. */
export const TTR_BANDS = [
  { id: "lt5m", upTo: 300 },
  { id: "5to30m", upTo: 1800 },
  { id: "30to60m", upTo: 3600 },
  { id: "1to4h", upTo: 14400 },
  { id: "4to8h", upTo: 28800 },
  { id: "8to24h", upTo: 86400 },
  { id: "gt24h", upTo: Infinity },
] as const;
export type TtrBandId = (typeof TTR_BANDS)[number]["id"];

export interface TtrBand {
  id: TtrBandId;
  count: number;
  /** Share of all reads in the range (0..1), null when nothing was read. */
  share: number | null;
}

/**
 * Histogram bins → the seven bands. A bin goes to the band holding its representative value; bins
 * are 9 % wide, so a read within 4.4 % of a band edge may land in the neighbouring band.
 */
export function toTtrBands(rows: TtrBinRow[]): TtrBand[] {
  const counts = new Map<TtrBandId, number>(TTR_BANDS.map((b) => [b.id, 0]));
  let total = 0;
  for (const r of rows) {
    const v = ttrBinValue(r.bin);
    const band = TTR_BANDS.find((b) => v < b.upTo)!;
    counts.set(band.id, counts.get(band.id)! + r.count);
    total += r.count;
  }
  return TTR_BANDS.map((b) => ({ id: b.id, count: counts.get(b.id)!, share: total > 0 ? counts.get(b.id)! / total : null }));
}
