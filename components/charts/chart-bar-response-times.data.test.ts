import { describe, expect, it } from "vitest";
import { toResponseBands } from "./chart-bar-response-times.data";

const EDGES = [0, 300, 1800, 3600, 14400, 28800, 86400];
const bins = (counts: number[]) =>
  EDGES.map((from, i) => ({ from, to: EDGES[i + 1] ?? null, firstResponse: counts[i], reply: counts[i] * 2 }));

describe("toResponseBands", () => {
  it("maps the seven bins to the product bands with shares of the metric's total", () => {
    const bands = toResponseBands(bins([1, 3, 0, 0, 0, 0, 4]), "firstResponse");
    expect(bands.map((b) => b.id)).toEqual(["lt5m", "5to30m", "30to60m", "1to4h", "4to8h", "8to24h", "gt24h"]);
    expect(bands.map((b) => b.count)).toEqual([1, 3, 0, 0, 0, 0, 4]);
    expect(bands[0].share).toBe(1 / 8);
    expect(bands[6]).toMatchObject({ from: 86400, to: null, share: 0.5 });
    expect(toResponseBands(bins([1, 3, 0, 0, 0, 0, 4]), "reply").map((b) => b.count)).toEqual([2, 6, 0, 0, 0, 0, 8]);
  });

  it("has no shares when there is nothing to count", () => {
    expect(toResponseBands(bins([0, 0, 0, 0, 0, 0, 0]), "reply").every((b) => b.share === null && b.count === 0)).toBe(true);
  });

  it("refuses bins with other edges instead of dropping them", () => {
    expect(() => toResponseBands([{ from: 0, to: 60, firstResponse: 1, reply: 1 }], "reply")).toThrow(/300/);
  });
});
