import { describe, expect, it } from "vitest";
import { matureUpTo, rateWithin, toReadWithinPoints } from "./chart-line-read-within.data";

describe("read-within curve (Kaplan–Meier over send-time cohorts)", () => {
  it("equals read ÷ delivered when every cohort is old enough for every point", () => {
    // 100 delivered: 10 read within 1 min, 60 within 1 h, 75 within 1 day.
    const points = toReadWithinPoints([
      { seconds: 3600, delivered: 100, readBefore: 10, read: 60 },
      { seconds: 60, delivered: 100, readBefore: 0, read: 10 },
      { seconds: 86400, delivered: 100, readBefore: 60, read: 75 },
    ]);
    expect(points.map((p) => p.seconds)).toEqual([60, 3600, 86400]);
    expect(points[0].rate).toBeCloseTo(0.1);
    expect(points[1].rate).toBeCloseTo(0.6);
    expect(points[2].rate).toBeCloseTo(0.75);
  });

  it("keeps young cohorts for the times they have had and never goes down", () => {
    // Up to 1 h: an old cohort (100, 50 read within 1 h) and a young one (100, 50 read within 1 h).
    // At 1 day only the old cohort is old enough: of its 50 still unread after 1 h, 10 read by 1 day.
    const points = toReadWithinPoints([
      { seconds: 3600, delivered: 200, readBefore: 0, read: 100 },
      { seconds: 86400, delivered: 100, readBefore: 50, read: 60 },
    ]);
    expect(points[0].rate).toBeCloseTo(0.5);
    // 1 − 0.5 × (1 − 10/50) = 0.6.
    expect(points[1].rate).toBeCloseTo(0.6);
    const dipping = toReadWithinPoints([
      { seconds: 3600, delivered: 200, readBefore: 0, read: 160 },
      { seconds: 86400, delivered: 100, readBefore: 50, read: 55 },
    ]);
    // Naively 55/100 = 0.55 < 0.8 at 1 h; the estimate keeps rising: 1 − 0.2 × (1 − 5/50) = 0.82.
    expect(dipping[1].rate).toBeCloseTo(0.82);
  });

  it("stops where no cohort is old enough, and answers 'what share within t'", () => {
    const points = toReadWithinPoints([
      { seconds: 60, delivered: 10, readBefore: 0, read: 1 },
      { seconds: 3600, delivered: 10, readBefore: 1, read: 6 },
      { seconds: 86400, delivered: 0, readBefore: 0, read: 0 },
      { seconds: 172800, delivered: 0, readBefore: 0, read: 0 },
    ]);
    expect(points.map((p) => p.rate)).toEqual([expect.closeTo(0.1), expect.closeTo(0.6), null, null]);
    expect(rateWithin(points, 7200)).toBeCloseTo(0.6);
    expect(rateWithin(points, 30)).toBeNull();
    expect(matureUpTo(points)).toBe(3600);
    expect(matureUpTo([])).toBeNull();
  });
});
