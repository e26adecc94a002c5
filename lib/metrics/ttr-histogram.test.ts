import { describe, expect, it } from "vitest";
import { quantileFromBins, ttrBin, ttrBinValue } from "./ttr-histogram";

describe("time-to-read histogram", () => {
  it("represents every duration within 4.5 % of its bin value", () => {
    for (let s = 1; s < 40 * 86400; s *= 1.013) {
      const v = ttrBinValue(ttrBin(s));
      expect(Math.abs(v - s) / s).toBeLessThan(0.045);
    }
  });

  it("puts sub-second reads in bin 0", () => {
    expect(ttrBin(0)).toBe(0);
    expect(ttrBin(0.4)).toBe(0);
  });

  it("takes nearest-rank quantiles from bins", () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 3600];
    const bins = new Map<number, number>();
    for (const v of values) bins.set(ttrBin(v), (bins.get(ttrBin(v)) ?? 0) + 1);
    const list = [...bins].map(([bin, count]) => ({ bin, count }));
    expect(quantileFromBins(list, 0.5)! / 60).toBeCloseTo(1, 1);
    expect(quantileFromBins(list, 0.9)! / 100).toBeCloseTo(1, 1);
    expect(quantileFromBins([], 0.5)).toBeNull();
  });
});
