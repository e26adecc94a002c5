import { describe, expect, it } from "vitest";
import { filtersSchema, resolveRange } from "./filters";

const iso = (r: { from: Date; to: Date }) => [r.from.toISOString(), r.to.toISOString()];

describe("date ranges in a time zone", () => {
  it("takes local days, `to` inclusive, in half-hour and 45-minute offsets", () => {
    expect(iso(resolveRange({ from: "2026-03-10", to: "2026-03-10" }, "Asia/Kolkata"))).toEqual([
      "2026-03-09T18:30:00.000Z",
      "2026-03-10T18:30:00.000Z",
    ]);
    expect(iso(resolveRange({ from: "2026-03-10", to: "2026-03-11", tz: "Asia/Kathmandu" }, "UTC"))).toEqual([
      "2026-03-09T18:15:00.000Z",
      "2026-03-11T18:15:00.000Z",
    ]);
    expect(iso(resolveRange({ from: "2026-03-10", to: "2026-03-10", tz: "Asia/Tehran" }, "UTC"))).toEqual([
      "2026-03-09T20:30:00.000Z",
      "2026-03-10T20:30:00.000Z",
    ]);
  });

  it("gives DST days 23 and 25 hours", () => {
    const spring = resolveRange({ from: "2026-03-29", to: "2026-03-29", tz: "Europe/Berlin" }, "UTC");
    expect((spring.to.getTime() - spring.from.getTime()) / 3600_000).toBe(23);
    const autumn = resolveRange({ from: "2026-10-25", to: "2026-10-25", tz: "Europe/Berlin" }, "UTC");
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3600_000).toBe(25);
  });

  it("starts a day whose midnight does not exist at its first hour (DST at 00:00)", () => {
    // Chile moves clocks from 00:00 to 01:00 on 2026-09-06.
    expect(iso(resolveRange({ from: "2026-09-06", to: "2026-09-06", tz: "America/Santiago" }, "UTC"))).toEqual([
      "2026-09-06T04:00:00.000Z",
      "2026-09-07T03:00:00.000Z",
    ]);
  });

  it("defaults to the last 30 local days including today", () => {
    const r = resolveRange({}, "Asia/Shanghai", new Date("2026-11-26T17:00:00Z"));
    // 17:00Z is already 01:00 on the 27th in Shanghai: today is the 27th.
    expect(iso(r)).toEqual(["2026-10-28T16:00:00.000Z", "2026-11-27T16:00:00.000Z"]);
  });

  it("refuses impossible days and unknown zones", () => {
    expect(filtersSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(filtersSchema.safeParse({ tz: "Mars/Olympus" }).success).toBe(false);
    expect(filtersSchema.safeParse({ from: "2026-02-28T10:00:00+05:30" }).success).toBe(true);
  });
});
