export type ChangeMode = "relative" | "points";
export type Better = "higher" | "lower";

export interface KpiChange {
  /** Relative change (0.1 = +10 %) or difference in rate points (0.02 = +2 pp); null when not comparable. */
  value: number | null;
  direction: "up" | "down" | "flat";
  /** Whether the change is good news, given which way is better. */
  tone: "good" | "bad" | "neutral";
}

/** Change of a KPI vs the previous period of the same length. */
export function kpiChange(current: number | null, previous: number | null, mode: ChangeMode, better: Better): KpiChange {
  if (current === null || previous === null) return { value: null, direction: "flat", tone: "neutral" };
  let value: number | null;
  if (mode === "points") value = current - previous;
  else value = previous === 0 ? null : (current - previous) / previous;
  if (value === null) return { value: null, direction: "flat", tone: "neutral" };
  // Changes under 0.05 % (or 0.05 pp) read as "no change" rather than a coloured arrow.
  if (Math.abs(value) < 0.0005) return { value: 0, direction: "flat", tone: "neutral" };
  const direction = value > 0 ? "up" : "down";
  const good = (direction === "up") === (better === "higher");
  return { value, direction, tone: good ? "good" : "bad" };
}
