import { ttrBin } from "./ttr-histogram";

// The product's time-to-read distribution (<5 min … >24 h) and the cumulative "% read within t"
// curve, computed from the log-scaled histogram. A histogram bin never straddles a reported edge:
// each product edge is moved to the nearest histogram edge (at most 4.4 % away) and the answer
// states the exact edges used, so a drill-down with the same edges lists exactly the counted rows.

export const PRODUCT_EDGES = [
  { label: "<5 min", upTo: 300 },
  { label: "5–30 min", upTo: 1800 },
  { label: "30–60 min", upTo: 3600 },
  { label: "1–4 h", upTo: 4 * 3600 },
  { label: "4–8 h", upTo: 8 * 3600 },
  { label: "8–24 h", upTo: 24 * 3600 },
  { label: ">24 h", upTo: Infinity },
] as const;

const BINS_PER_DOUBLING = 8;

/** Upper edge (seconds, exclusive) of histogram bin b: bin 0 is [0, 1), bin b is [2^((b-1)/8), 2^(b/8)). */
export function binUpperEdge(bin: number): number {
  return bin <= 0 ? 1 : Math.pow(2, bin / BINS_PER_DOUBLING);
}

/** The histogram edge nearest to `seconds` (in log space). */
export function snapToBinEdge(seconds: number): { bin: number; seconds: number } {
  const bin = Math.max(0, Math.round(Math.log2(seconds) * BINS_PER_DOUBLING));
  return { bin, seconds: binUpperEdge(bin) };
}

export interface DistributionBin {
  label: string;
  /** Exact bounds in seconds, [from, to); to null = unbounded. */
  from: number;
  to: number | null;
  count: number;
  share: number | null;
}

export function productDistribution(bins: { bin: number; count: number }[]): DistributionBin[] {
  const total = bins.reduce((s, b) => s + b.count, 0);
  let from = 0;
  let lastBin = -1;
  return PRODUCT_EDGES.map(({ label, upTo }) => {
    const edge = Number.isFinite(upTo) ? snapToBinEdge(upTo) : null;
    const top = edge ? edge.bin : Infinity;
    const count = bins.filter((b) => b.bin > lastBin && b.bin <= top).reduce((s, b) => s + b.count, 0);
    const out = { label, from, to: edge ? edge.seconds : null, count, share: total > 0 ? count / total : null };
    if (edge) ((from = edge.seconds), (lastBin = edge.bin));
    return out;
  });
}

export interface CurvePoint {
  /** Seconds: reads strictly faster than this are counted. */
  within: number;
  read: number;
  /** Fraction of the denominator read within `within`. */
  fraction: number | null;
}

/** Cumulative curve at every histogram edge that has reads, plus the product's edges. */
export function cumulativeCurve(bins: { bin: number; count: number }[], denominator: number): CurvePoint[] {
  const byBin = new Map<number, number>();
  for (const b of bins) byBin.set(b.bin, (byBin.get(b.bin) ?? 0) + b.count);
  const edges = new Set<number>([...byBin.keys()]);
  for (const { upTo } of PRODUCT_EDGES) if (Number.isFinite(upTo)) edges.add(snapToBinEdge(upTo).bin);
  let seen = 0;
  const sorted = [...edges].sort((a, b) => a - b);
  return sorted.map((bin) => {
    seen += byBin.get(bin) ?? 0;
    return { within: binUpperEdge(bin), read: seen, fraction: denominator > 0 ? seen / denominator : null };
  });
}

export { ttrBin };
