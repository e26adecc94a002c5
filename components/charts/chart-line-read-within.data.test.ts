import { describe, expect, it } from "vitest";
import { matureUpTo, rateWithin, toReadWithinPoints } from "./chart-line-read-within.data";

describe("read-within curve", () => {
  const rows = [
    { seconds: 3600, read: 60, delivered: 100 },
    { seconds: 60, read: 10, delivered: 100 },
    { seconds: 86400, read: 30, delivered: 40 },
    { seconds: 172800, read: 0, delivered: 0 },
  ];

  it("sorts by age, divides by delivered, and marks ages no cohort has reached as null", () => {
    const points = toReadWithinPoints(rows);
    expect(points.map((p) => p.seconds)).toEqual([60, 3600, 86400, 172800]);
    expect(points.map((p) => p.rate)).toEqual([0.1, 0.6, 0.75, null]);
  });

  it("answers 'what share within t' and how far the data is mature", () => {
    const points = toReadWithinPoints(rows);
    expect(rateWithin(points, 3600)).toBe(0.6);
    expect(rateWithin(points, 7200)).toBe(0.6);
    expect(rateWithin(points, 30)).toBeNull();
    expect(matureUpTo(points)).toBe(86400);
    expect(matureUpTo([])).toBeNull();
  });
});
