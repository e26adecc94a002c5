import { describe, expect, it } from "vitest";
import { gridIntervals, type Grain } from "./grid";
import { ageClass, ageClassCuts, readWithinPlan } from "./read-within";

const BUCKET = 900_000;
const DAY = 86_400_000;
const GRAINS: Grain[] = [15, 60, 1440, 10080];

/** A made-up count of reads for every 15-minute cohort. */
const countAt = (b: number) => ((b / BUCKET) * 2654435761) % 97;

/** The sum of a made-up count over the cohorts of [from, to). */
const sumOf = (from: number, to: number) => {
  let sum = 0;
  for (let b = from; b < to; b += BUCKET) sum += countAt(b);
  return sum;
};

/**
 * Reads per age class as the SQL adds them up: each plain row (the sum of its cohorts) in the
 * class of its first cohort, as width_bucket over its bucket_start computes it; a planned day in
 * its class; a moved stretch in its own class and out of the day's.
 */
function viaPlan(from: number, to: number, now: Date, grains: Grain[] = GRAINS): Map<number, number> {
  const out = new Map<number, number>();
  const add = (k: number, c: number) => out.set(k, (out.get(k) ?? 0) + c);
  const plan = readWithinPlan(from, to, now, grains);
  for (const iv of plan.plain) {
    const size = iv.minutes * 60_000;
    for (let row = iv.from; row < iv.to; row += size) add(ageClass(row, now), sumOf(row, row + size));
  }
  for (const d of plan.days) add(d.k, sumOf(d.from, d.to));
  for (const m of plan.moved) {
    const size = m.minutes * 60_000;
    for (let row = m.from; row < m.to; row += size) {
      add(ageClass(row, now), sumOf(row, row + size));
      add(m.moveFrom, -sumOf(row, row + size));
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
        expect(viaPlan(from, to, now)).toEqual(direct(from, to, now));
        // With a source or platform filter: 15-minute rows and whole days only.
        expect(viaPlan(from, to, now, [15, 1440])).toEqual(direct(from, to, now));
      }
    }
  });

  it("reads few fine rows: a cut day is one day row plus its minority stretches", () => {
    const now = new Date(Date.UTC(2026, 10, 26, 14, 7));
    const to = Date.UTC(2026, 10, 27) - 330 * 60_000;
    const from = to - 30 * DAY;
    const plan = readWithinPlan(from, to, now, GRAINS);
    const hoursOf = (ivs: { minutes: number; from: number; to: number }[]) =>
      ivs.filter((iv) => iv.minutes < 1440).reduce((n, iv) => n + (iv.to - iv.from) / 3_600_000, 0);
    const before = hoursOf(
      gridIntervals(
        from,
        to,
        ageClassCuts(now).map((d) => d.getTime()),
        GRAINS,
      ),
    );
    const after = hoursOf([...plan.plain, ...plan.moved]);
    // The grid alone reads the whole last week by the hour (~6 days of it here); the plan about half.
    expect(before).toBeGreaterThan(6 * 24);
    expect(after).toBeLessThan(before * 0.6);
    expect(plan.days.length).toBeGreaterThanOrEqual(5);
  });
});
