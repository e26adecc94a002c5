import type { DistributionBin } from "@/lib/metrics/ttr-distribution";

/** The product's distribution bands (product.md Metrics), in the order the API reports them. */
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
  /** The exact bounds the count used, [from, to) seconds (to null: unbounded), for the drill-down. */
  from: number;
  to: number | null;
}

/**
 * GET /api/v1/stats/time-to-read `bins` → the seven bands. The API snaps each product edge to the
 * nearest histogram edge (at most 4.4 % away) and says which edges it used, so a drill-down with
 * ttrFrom/ttrTo set to them lists exactly the reads counted here.
 */
export function toTtrBands(bins: DistributionBin[]): TtrBand[] {
  return TTR_BANDS.map((b, i) => {
    const bin = bins[i];
    return { id: b.id, count: bin?.count ?? 0, share: bin?.share ?? null, from: bin?.from ?? 0, to: bin ? bin.to : null };
  });
}
