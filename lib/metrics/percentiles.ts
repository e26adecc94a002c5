/** Nearest-rank quantile of an unsorted list (exact, for bounded sets); null when empty. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/** p50, p90 and mean, the triple every time metric reports. */
export function summary(values: number[]): { p50: number | null; p90: number | null; mean: number | null } {
  return { p50: quantile(values, 0.5), p90: quantile(values, 0.9), mean: mean(values) };
}
