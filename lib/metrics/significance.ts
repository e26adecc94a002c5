// Confidence intervals and significance for read rates (product.md: 95% Wilson intervals, a
// two-proportion test, and a plain statement when a difference is not significant).

const Z95 = 1.959963984540054;

/** Wilson score interval for `successes` of `n`; null when n is 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)) || 0;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Standard normal CDF (W. J. Cody's erfc rational approximation via erf, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcc: fractional error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export interface Comparison {
  /** rate(b) − rate(a). */
  difference: number;
  z: number;
  /** Two-sided p-value of the pooled two-proportion z-test. */
  pValue: number;
  significant: boolean;
}

/** Pooled two-proportion z-test of b against a; null when either side has no trials. */
export function twoProportionTest(xa: number, na: number, xb: number, nb: number, alpha = 0.05): Comparison | null {
  if (!(na > 0 && nb > 0)) return null;
  const pa = xa / na;
  const pb = xb / nb;
  const pooled = (xa + xb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  // Both sides all-or-nothing and equal: no evidence of any difference.
  if (se === 0) return { difference: pb - pa, z: 0, pValue: pa === pb ? 1 : 0, significant: pa !== pb };
  const z = (pb - pa) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { difference: pb - pa, z, pValue, significant: pValue < alpha };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One sentence a marketer can read: which is better, by how much, and whether to trust it. */
export function verdict(
  a: { label: string; rate: number | null },
  b: { label: string; rate: number | null },
  c: Comparison | null,
): string {
  if (!c || a.rate === null || b.rate === null) return `Not enough deliveries to compare ${a.label} and ${b.label}.`;
  const points = Math.abs(c.difference * 100).toFixed(1);
  const p = c.pValue < 0.001 ? "p < 0.001" : `p = ${c.pValue.toFixed(3)}`;
  if (!c.significant)
    return `${a.label} (${pct(a.rate)}) and ${b.label} (${pct(b.rate)}) are not significantly different (${p}); the gap of ${points} points may be chance.`;
  const [hi, lo] = c.difference > 0 ? [b, a] : [a, b];
  return `${hi.label} is read more often than ${lo.label}: ${pct(hi.rate!)} vs ${pct(lo.rate!)}, ${points} points higher (${p}, significant at 95%).`;
}
