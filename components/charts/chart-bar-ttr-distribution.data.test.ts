import { describe, expect, it } from "vitest";
import { productDistribution, ttrBin } from "@/lib/metrics/ttr-distribution";
import { toTtrBands } from "./chart-bar-ttr-distribution.data";

describe("time-to-read bands", () => {
  it("puts reads into the seven product bands with their shares and exact bounds", () => {
    const reads = [10, 200, 600, 1000, 2400, 7200, 20000, 40000, 90000, 90000];
    const bins = new Map<number, number>();
    for (const s of reads) bins.set(ttrBin(s), (bins.get(ttrBin(s)) ?? 0) + 1);
    const bands = toTtrBands(productDistribution([...bins].map(([bin, count]) => ({ bin, count }))));
    expect(bands.map((b) => [b.id, b.count])).toEqual([
      ["lt5m", 2],
      ["5to30m", 2],
      ["30to60m", 1],
      ["1to4h", 1],
      ["4to8h", 1],
      ["8to24h", 1],
      ["gt24h", 2],
    ]);
    expect(bands[0].share).toBe(0.2);
    // Contiguous bounds: each band starts where the previous one ends; the last is open.
    expect(bands[0].from).toBe(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i].from).toBe(bands[i - 1].to);
    expect(bands[1].from).toBeCloseTo(300, -1);
    expect(bands.at(-1)!.to).toBeNull();
  });

  it("has null shares when nothing was read", () => {
    expect(toTtrBands(productDistribution([])).every((b) => b.count === 0 && b.share === null)).toBe(true);
  });
});
