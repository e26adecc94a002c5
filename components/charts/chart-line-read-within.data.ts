export interface ReadWithinRow {
  seconds: number;
  /** Reads within `seconds` of their send, among cohorts at least that old. */
  read: number;
  /** Delivered messages of the same cohorts. */
  delivered: number;
}

export interface ReadWithinPoint {
  seconds: number;
  /** read ÷ delivered; null when no cohort is old enough yet (immature). */
  rate: number | null;
  read: number;
  delivered: number;
}

export function toReadWithinPoints(rows: ReadWithinRow[]): ReadWithinPoint[] {
  return [...rows]
    .sort((a, b) => a.seconds - b.seconds)
    .map((r) => ({ seconds: r.seconds, read: r.read, delivered: r.delivered, rate: r.delivered > 0 ? Math.min(1, r.read / r.delivered) : null }));
}

/** The rate at the largest point not beyond `seconds` (for headlines like "62 % within 1 h"). */
export function rateWithin(points: ReadWithinPoint[], seconds: number): number | null {
  const p = points.filter((x) => x.seconds <= seconds).at(-1);
  return p ? p.rate : null;
}

/** The oldest age every point up to which has data: beyond it cohorts are too young. */
export function matureUpTo(points: ReadWithinPoint[]): number | null {
  return points.filter((p) => p.rate !== null).at(-1)?.seconds ?? null;
}
