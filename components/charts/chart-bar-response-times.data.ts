import { TTR_BANDS, type TtrBandId } from "./chart-bar-ttr-distribution.data";

/** One bin of GET /api/v1/support/response-times `distribution` ([from, to) seconds). */
export interface ResponseBin {
  from: number;
  to: number | null;
  firstResponse: number;
  reply: number;
}

export interface ResponseBand {
  id: TtrBandId;
  from: number;
  to: number | null;
  count: number;
  /** Share of all responses of the metric (0..1); null when there are none. */
  share: number | null;
}

/**
 * The server's bins → the product's seven bands (the same edges as time-to-read, so the bands
 * reuse its labels). A bin is matched by its lower edge; a bin the bands do not know is an error
 * worth seeing rather than a silently missing bar.
 */
export function toResponseBands(bins: ResponseBin[], metric: "firstResponse" | "reply"): ResponseBand[] {
  const total = bins.reduce((n, b) => n + b[metric], 0);
  let from = 0;
  return TTR_BANDS.map((band) => {
    const bin = bins.find((b) => b.from === from);
    if (!bin) throw new Error(`no response-time bin starting at ${from} s`);
    const to = Number.isFinite(band.upTo) ? band.upTo : null;
    const out = { id: band.id, from, to, count: bin[metric], share: total > 0 ? bin[metric] / total : null };
    from = band.upTo;
    return out;
  });
}
