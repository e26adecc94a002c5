import { describe, expect, it } from "vitest";
import { gridIntervals, type Grain } from "./grid";
import { ageClass, ageClassCuts } from "./read-within";

const BUCKET = 900_000;
const DAY = 86_400_000;
const GRAINS: Grain[] = [15, 60, 1440, 10080];

/** A made-up count of reads for every 15-minute cohort. */
const countAt = (b: number) => ((b / BUCKET) * 2654435761) % 97;

/**
 * Reads per age class as the SQL adds them up: each hour or day row (the sum of its cohorts) in
 * the class of its first cohort, as width_bucket over its bucket_start computes it.
 */
function viaGrid(from: number, to: number, now: Date): Map<number, number> {
  const out = new Map<number, number>();
  const cuts = ageClassCuts(now).map((d) => d.getTime());
  for (const iv of gridIntervals(from, to, cuts, GRAINS)) {
    const size = iv.minutes * 60_000;
    for (let row = iv.from; row < iv.to; row += size) {
      let sum = 0;
      for (let b = row; b < row + size; b += BUCKET) sum += countAt(b);
      out.set(ageClass(row, now), (out.get(ageClass(row, now)) ?? 0) + sum);
    }
  }
  return new Map([...out].filter(([, c]) => c !== 0));
}

/** The same, cohort by cohort. */
function direct(from: number, to: number, now: Date): Map<number, number> {
  const out = new Map<number, number>();
  for (let b = from; b < to; b += BUCKET) out.set(ageClass(b, now), (out.get(ageClass(b, now)) ?? 0) + countAt(b));
  return new Map([...out].filter(([, c]) => c !== 0));
}

describe("read-within on the coarse grid", () => {
  const base = Date.UTC(2026, 10, 26);
  const clocks = [0, 7, 330, 731, 1439].map((minutes) => new Date(base + minutes * 60_000 + 13_000));

  it("cuts exactly where the age class of consecutive cohorts changes", () => {
    for (const now of clocks) {
      const changes: number[] = [];
      for (let b = base - 9 * DAY; b < base + DAY; b += BUCKET) if (ageClass(b, now) !== ageClass(b - BUCKET, now)) changes.push(b);
      const cuts = ageClassCuts(now).map((d) => d.getTime());
      expect(new Set(cuts)).toEqual(new Set(changes));
    }
  });

  it("counts every cohort once, in its own age class, for ranges and clocks of all kinds", () => {
    // Ranges ending at local midnights of +05:30, +03:30, -05:00 zones.
    for (const now of clocks) {
      for (const [days, offsetMin] of [
        [7, -330],
        [30, -210],
        [90, 300],
        [2, 0],
        [1, -330],
      ]) {
        const to = base + DAY + offsetMin * 60_000;
        const from = to - days * DAY;
        expect(viaGrid(from, to, now)).toEqual(direct(from, to, now));
      }
    }
  });

  it("reads few 15-minute rows: only where a point cuts an hour or a range end does", () => {
    const now = new Date(Date.UTC(2026, 10, 26, 14, 7));
    const to = Date.UTC(2026, 10, 27) - 330 * 60_000;
    const intervals = gridIntervals(
      to - 30 * DAY,
      to,
      ageClassCuts(now).map((d) => d.getTime()),
      GRAINS,
    );
    const quarters = intervals.filter((iv) => iv.minutes === 15).reduce((n, iv) => n + (iv.to - iv.from) / BUCKET, 0);
    // 23 points, each cutting at most one hour (3 quarters at most), plus the ragged ends.
    expect(quarters).toBeLessThanOrEqual(23 * 3 + 4);
    expect(intervals.filter((iv) => iv.minutes >= 1440).reduce((n, iv) => n + (iv.to - iv.from) / DAY, 0)).toBeGreaterThanOrEqual(21);
  });
});
