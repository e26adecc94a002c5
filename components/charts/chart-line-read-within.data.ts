/** One interval (previous point, seconds] of the curve, over the cohorts old enough for `seconds`. */
export interface ReadWithinRow {
  seconds: number;
  /** Delivered messages of the cohorts sent at least `seconds` ago. */
  delivered: number;
  /** Of those, read within the previous point's time. */
  readBefore: number;
  /** Of those, read within `seconds`. */
  read: number;
}

export interface ReadWithinPoint {
  seconds: number;
  /** Estimated share of delivered messages read within `seconds`; null where no cohort is old enough. */
  rate: number | null;
  /** Delivered messages the estimate at this point rests on. */
  delivered: number;
}

/**
 * Kaplan–Meier: the chance of still being unread after t is the product, over intervals up to t,
 * of (1 − reads in the interval ÷ messages still unread at its start), each interval using every
 * cohort old enough for it. Unlike a plain read ÷ delivered per t, the curve never goes down when
 * older and younger cohorts differ, and young cohorts still count for the times they have had.
 * When every cohort is old enough for every point it equals read ÷ delivered exactly.
 */
export function toReadWithinPoints(rows: ReadWithinRow[]): ReadWithinPoint[] {
  let unread = 1;
  let mature = true;
  return [...rows]
    .sort((a, b) => a.seconds - b.seconds)
    .map((r) => {
      mature = mature && r.delivered > 0;
      if (!mature) return { seconds: r.seconds, rate: null, delivered: r.delivered };
      const atRisk = r.delivered - r.readBefore;
      if (atRisk > 0) unread *= 1 - Math.min(1, Math.max(0, r.read - r.readBefore) / atRisk);
      return { seconds: r.seconds, rate: 1 - unread, delivered: r.delivered };
    });
}

/** The estimate at the largest point not beyond `seconds` (for headlines like "62 % within 1 h"). */
export function rateWithin(points: ReadWithinPoint[], seconds: number): number | null {
  const p = points.filter((x) => x.seconds <= seconds).at(-1);
  return p ? p.rate : null;
}

/** The longest time after sending that some cohort has had; beyond it there is nothing to say yet. */
export function matureUpTo(points: ReadWithinPoint[]): number | null {
  return points.filter((p) => p.rate !== null).at(-1)?.seconds ?? null;
}
