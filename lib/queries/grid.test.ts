import { describe, expect, it } from "vitest";
import { bucketGrid } from "./local-buckets";
import { gridIntervals, type Grain } from "./grid";

const Q = 900_000;
const H = 3_600_000;
const D = 86_400_000;
const GRAINS: Grain[] = [15, 60, 1440, 10080];
const W = 7 * D;

/** Every property a reader relies on, for one call. */
function check(from: number, to: number, cuts: number[], grains: Grain[]) {
  const ivs = gridIntervals(from, to, cuts, grains);
  // Contiguous, in order, covering [from, to) exactly.
  expect(ivs[0]?.from ?? to).toBe(from);
  ivs.forEach((iv, i) => {
    expect(iv.to).toBeGreaterThan(iv.from);
    if (i > 0) expect(iv.from).toBe(ivs[i - 1].to);
    const size = iv.minutes * 60_000;
    expect(grains).toContain(iv.minutes);
    // Whole buckets of the grain (UTC hours, days, weeks)…
    expect(iv.from % size).toBe(0);
    expect(iv.to % size).toBe(0);
    // …none of which a cut falls inside.
    for (const c of cuts) if (c > iv.from && c < iv.to) expect(c % size).toBe(0);
  });
  expect(ivs[ivs.length - 1]?.to ?? from).toBe(to);
  return ivs;
}

describe("grid intervals", () => {
  it("read a 30-day Asia/Kolkata range as weeks, a day, the hours at its ends and two quarters", () => {
    const from = Date.UTC(2026, 9, 27, 18, 30); // local midnight, +05:30
    const to = from + 30 * D;
    // Weeks run from Thursdays, as the Unix epoch did; 2026-10-29 is one.
    expect(Date.UTC(2026, 9, 29) % W).toBe(0);
    expect(check(from, to, [], GRAINS)).toEqual([
      { minutes: 15, from, to: from + 2 * Q },
      { minutes: 60, from: from + 2 * Q, to: Date.UTC(2026, 9, 28) },
      { minutes: 1440, from: Date.UTC(2026, 9, 28), to: Date.UTC(2026, 9, 29) },
      { minutes: 10080, from: Date.UTC(2026, 9, 29), to: Date.UTC(2026, 10, 26) },
      { minutes: 60, from: Date.UTC(2026, 10, 26), to: to - 2 * Q },
      { minutes: 15, from: to - 2 * Q, to },
    ]);
  });

  it("read whole weeks and days only for a UTC range, and the finest grain when it is the only one", () => {
    const from = Date.UTC(2026, 9, 1);
    expect(check(from, from + 7 * D, [], GRAINS)).toEqual([{ minutes: 10080, from, to: from + 7 * D }]);
    expect(check(from - D, from + 8 * D, [], GRAINS).map((iv) => iv.minutes)).toEqual([1440, 10080, 1440]);
    expect(check(from, from + 7 * D, [], [15, 60, 1440])).toEqual([{ minutes: 1440, from, to: from + 7 * D }]);
    expect(check(from, from + 7 * D, [], [15])).toEqual([{ minutes: 15, from, to: from + 7 * D }]);
    expect(check(from + Q, from + 2 * D, [], [15, 1440]).map((iv) => iv.minutes)).toEqual([15, 1440]);
  });

  it("keep local days apart in every zone: each coarse bucket lies in one local day", () => {
    for (const tz of ["Asia/Kolkata", "Asia/Tehran", "America/New_York", "Asia/Kathmandu", "Europe/Berlin", "UTC"]) {
      // 40 days over a DST change in New York and Berlin (2026-11-01 / 2026-10-25).
      const from = Date.UTC(2026, 9, 10) - 6 * H;
      const to = from + 40 * D;
      const days = bucketGrid("day", new Date(from), new Date(to), tz);
      const ivs = check(
        from,
        to,
        days.map((d) => d.end.getTime()),
        GRAINS,
      );
      const dayOf = (t: number) => days.findIndex((d) => d.end.getTime() > t);
      for (const iv of ivs) {
        const size = iv.minutes * 60_000;
        for (let b = iv.from; b < iv.to; b += size) expect(dayOf(b)).toBe(dayOf(b + size - Q));
      }
      // Hour-aligned zones need no quarters; +05:30 / +05:45 / +03:30 read by quarters only the hour holding each midnight.
      const quarterHours = ivs.filter((iv) => iv.minutes === 15).reduce((n, iv) => n + (iv.to - iv.from) / H, 0);
      expect(quarterHours).toBe(["Asia/Kolkata", "Asia/Tehran", "Asia/Kathmandu"].includes(tz) ? days.length - 1 : 0);
      // Whole UTC days and weeks only where local midnights are UTC ones.
      expect(ivs.some((iv) => iv.minutes >= 1440)).toBe(tz === "UTC");
    }
  });

  it("hold for arbitrary ranges, cuts and grain sets", () => {
    let seed = 17;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const sets: Grain[][] = [[15], [15, 60], [15, 1440], [15, 10080], [15, 60, 1440], GRAINS];
    for (let i = 0; i < 300; i++) {
      const from = Date.UTC(2026, 8, 1) + rnd(2000) * Q;
      const to = from + rnd(5000) * Q;
      const cuts = Array.from({ length: rnd(8) }, () => from - 50 * Q + rnd(6000) * Q);
      check(from, to, cuts, sets[i % sets.length]);
    }
  });

  it("complement ragged ends: signed intervals count every quarter of the range once and none outside", () => {
    let seed = 5;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const sets: Grain[][] = [[15], [15, 60], [15, 1440], [15, 10080], [15, 60, 1440], GRAINS];
    for (let i = 0; i < 300; i++) {
      const grains = sets[i % sets.length];
      const from = Date.UTC(2026, 8, 1) + rnd(2000) * Q;
      const to = from + rnd(5000) * Q;
      const ivs = gridIntervals(from, to, [], grains, true);
      const count = new Map<number, number>();
      for (const iv of ivs) {
        const size = iv.minutes * 60_000;
        expect(grains.includes(iv.minutes) && iv.from % size === 0 && iv.to % size === 0).toBe(true);
        for (let q = iv.from; q < iv.to; q += Q) count.set(q, (count.get(q) ?? 0) + (iv.sign ?? 1));
      }
      const wrong = [...count].filter(([q, n]) => n !== (q >= from && q < to ? 1 : 0));
      for (let q = from; q < to; q += Q) if (!count.has(q)) wrong.push([q, 0]);
      expect(wrong, `case ${i}`).toEqual([]);
    }
  });

  it("complement a local day's 23 hours as one day less an hour (Europe/Berlin, 30 days)", () => {
    const from = Date.UTC(2026, 9, 27, 23); // local midnight, +01:00
    const to = from + 30 * D;
    const ivs = gridIntervals(from, to, [], GRAINS, true);
    // Start: one hour; end: 23 hours of 2026-11-26, read as the day less its last hour.
    expect(ivs[0]).toEqual({ minutes: 60, from, to: Date.UTC(2026, 9, 28) });
    expect(ivs.slice(-2)).toEqual([
      { minutes: 1440, from: Date.UTC(2026, 10, 26), to: Date.UTC(2026, 10, 27) },
      { minutes: 60, from: to, to: Date.UTC(2026, 10, 27), sign: -1 },
    ]);
    // Without complements the same end is 23 hour rows.
    expect(gridIntervals(from, to, [], GRAINS).slice(-1)).toEqual([{ minutes: 60, from: Date.UTC(2026, 10, 26), to }]);
    expect(() => gridIntervals(from, to, [from + D], GRAINS, true)).toThrow(/group by time/);
  });

  it("refuse grain sets without the 15-minute grain", () => {
    expect(() => gridIntervals(0, D, [], [60, 1440])).toThrow(/15-minute/);
  });
});
