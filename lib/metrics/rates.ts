/** A rate with a zero denominator is null, not 0 (api.md). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
