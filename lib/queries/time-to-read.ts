import { quantileFromBins } from "../metrics/ttr-histogram";
import { rate } from "../metrics/rates";
import type { BinRow } from "./ttr-bins";

export interface TimeToRead {
  /** Seconds; percentiles from the log histogram (within 4.4 %), mean exact. */
  p50: number | null;
  p90: number | null;
  mean: number | null;
}

export function timeToReadOf(bins: BinRow[], ttrSum: number, read: number): TimeToRead {
  return { p50: quantileFromBins(bins, 0.5), p90: quantileFromBins(bins, 0.9), mean: rate(ttrSum, read) };
}
