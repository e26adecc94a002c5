import { describe, expect, it } from "vitest";
import { ageClass, readWithinParts } from "./read-within";

const BUCKET = 900_000;
const DAY = 86_400_000;

/** A made-up count of reads for every 15-minute cohort. */
const countAt = (b: number) => ((b / BUCKET) * 2654435761) % 97;

/** Reads per age class as the parts add them up (daily parts: the day's sum, all in one class). */
function viaParts(from: number, to: number, now: Date): Map<number, number> {
  const out = new Map<number, number>();
  const add = (k: number, c: number) => out.set(k, (out.get(k) ?? 0) + c);
  for (const p of readWithinParts({ from: new Date(from), to: new Date(to), tz: "UTC" }, now))
    for (let b = p.range.from.getTime(); b < p.range.to.getTime(); b += BUCKET) {
      if (p.table === "ttr_rollups_daily") add(p.k, countAt(b));
      else {
        add(ageClass(b, now), countAt(b));
        if (p.moveFrom !== undefined) add(p.moveFrom, -countAt(b));
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

describe("read-within parts", () => {
  it("count every cohort once, in its own age class, for ranges and clocks of all kinds", () => {
    const base = Date.UTC(2026, 10, 26);
    // Clocks at odd minutes; ranges starting at local midnights of +05:30, +03:30, -05:00 zones.
    for (const minutes of [0, 7, 330, 731, 1439]) {
      const now = new Date(base + minutes * 60_000);
      for (const [days, offsetMin] of [
        [7, -330],
        [30, -210],
        [90, 300],
        [2, 0],
        [1, -330],
      ]) {
        const to = base + DAY + offsetMin * 60_000;
        const from = to - days * DAY;
        expect(viaParts(from, to, now)).toEqual(direct(from, to, now));
      }
    }
  });

  it("read few 15-minute rows: whole days come from the daily table, cut days mostly too", () => {
    const now = new Date(Date.UTC(2026, 10, 26, 14, 7));
    const to = Date.UTC(2026, 10, 27) - 330 * 60_000;
    const parts = readWithinParts({ from: new Date(to - 30 * DAY), to: new Date(to), tz: "Asia/Kolkata" }, now);
    const fineDays = parts
      .filter((p) => p.table === "ttr_rollups")
      .reduce((n, p) => n + (p.range.to.getTime() - p.range.from.getTime()) / DAY, 0);
    // Before: the last 8 days and both ragged ends, ~9 days of 15-minute rows; now the ragged
    // ends (0.2 + 0.8 day) and the moved parts of the cut days (~0.5 day for the busiest).
    expect(fineDays).toBeLessThan(3.7);
    expect(parts.some((p) => p.table === "ttr_rollups" && p.moveFrom !== undefined)).toBe(true);
  });
});
