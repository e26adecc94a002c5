import { describe, expect, it } from "vitest";
import { ttrBin } from "./ttr-histogram";
import { binUpperEdge, cumulativeCurve, productDistribution, snapToBinEdge } from "./ttr-distribution";
import { quantile, summary } from "./percentiles";

const histogram = (values: number[]) => {
  const m = new Map<number, number>();
  for (const v of values) m.set(ttrBin(v), (m.get(ttrBin(v)) ?? 0) + 1);
  return [...m].map(([bin, count]) => ({ bin, count }));
};

describe("time-to-read distribution", () => {
  it("moves each product edge by at most 4.4 % onto a histogram edge", () => {
    for (const s of [300, 1800, 3600, 14400, 28800, 86400]) {
      const e = snapToBinEdge(s);
      expect(Math.abs(e.seconds - s) / s).toBeLessThan(0.044);
      expect(e.seconds).toBe(binUpperEdge(e.bin));
    }
  });

  it("counts each read in the bin whose exact bounds contain it", () => {
    const values = [0.2, 10, 299, 305, 1000, 2000, 4000, 20000, 30000, 90000, 200000];
    const d = productDistribution(histogram(values));
    expect(d.map((b) => b.label)).toEqual(["<5 min", "5–30 min", "30–60 min", "1–4 h", "4–8 h", "8–24 h", ">24 h"]);
    for (const b of d) {
      const expected = values.filter((v) => v >= b.from && (b.to === null || v < b.to)).length;
      expect(b.count, b.label).toBe(expected);
    }
    expect(d.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    expect(d[0].share).toBeCloseTo(3 / 11, 10);
    expect(productDistribution([]).every((b) => b.share === null)).toBe(true);
  });

  it("gives the exact share read faster than each edge", () => {
    const values = [3, 3, 50, 700, 7000, 70000];
    const curve = cumulativeCurve(histogram(values), 10);
    for (const p of curve) expect(p.read).toBe(values.filter((v) => v < p.within).length);
    expect(curve.at(-1)!.fraction).toBeCloseTo(0.6, 10);
    expect(cumulativeCurve([], 0).every((p) => p.fraction === null)).toBe(true);
  });
});

describe("exact percentiles", () => {
  it("use nearest rank", () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(summary([])).toEqual({ p50: null, p90: null, mean: null });
    expect(summary([2, 4]).mean).toBe(3);
  });
});
