"use client";

import { useFormat } from "../i18n/use-format";

/** A shared axis for several intervals, so bars in one table are comparable: padded to 5 points. */
export function ciDomain(intervals: ([number, number] | null)[]): [number, number] {
  const known = intervals.filter((c): c is [number, number] => c !== null);
  if (known.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor(Math.min(...known.map((c) => c[0])) * 20) / 20);
  const hi = Math.min(1, Math.ceil(Math.max(...known.map((c) => c[1])) * 20) / 20);
  return hi > lo ? [lo, hi] : [0, 1];
}

/**
 * The read rate as a dot on its 95% interval. Decorative (aria-hidden): the numbers are in the
 * text next to it, which screen readers get.
 */
export function CiBar({ rate, ci, domain }: { rate: number | null; ci: [number, number] | null; domain: [number, number] }) {
  const fmt = useFormat();
  if (rate === null || ci === null) return null;
  const [d0, d1] = domain;
  const x = (v: number) => `${(Math.min(1, Math.max(0, (v - d0) / (d1 - d0))) * 100).toFixed(2)}%`;
  return (
    <div className="flex items-center gap-2" data-testid="ci-bar">
      <div aria-hidden className="relative h-3 w-28 shrink-0 rounded-full bg-muted" title={`${fmt.rate(ci[0])} – ${fmt.rate(ci[1])}`}>
        <div
          className="absolute top-0.5 bottom-0.5 rounded-full bg-primary/35"
          style={{ left: x(ci[0]), width: `calc(${x(ci[1])} - ${x(ci[0])})` }}
        />
        <div className="absolute top-0 size-3 -translate-x-1/2 rounded-full border-2 border-card bg-primary" style={{ left: x(rate) }} />
      </div>
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        {fmt.rate(ci[0])} – {fmt.rate(ci[1])}
      </span>
    </div>
  );
}
