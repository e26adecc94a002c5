import { describe, expect, it } from "vitest";
import { businessSeconds } from "./business-hours";

const weekdays = { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

describe("business-hours durations", () => {
  it("skips nights and weekends", () => {
    // Friday 2026-11-20 16:55 Berlin → Monday 2026-11-23 09:05 Berlin: 5 + 5 minutes.
    const s = businessSeconds(new Date("2026-11-20T15:55:00Z"), new Date("2026-11-23T08:05:00Z"), weekdays, "Europe/Berlin");
    expect(s).toBe(600);
  });
  it("counts whole days inside", () => {
    const s = businessSeconds(new Date("2026-11-23T00:00:00+05:30"), new Date("2026-11-25T00:00:00+05:30"), weekdays, "Asia/Kolkata");
    expect(s).toBe(2 * 8 * 3600);
  });
  it("keeps local opening hours across a DST change", () => {
    // New York, 2026-03-08 is a Sunday (DST starts); Monday 09:00 local is 13:00Z after the change.
    const s = businessSeconds(new Date("2026-03-06T22:00:00Z"), new Date("2026-03-09T14:00:00Z"), weekdays, "America/New_York");
    expect(s).toBe(3600);
  });
  it("is zero for empty or reversed spans", () => {
    expect(businessSeconds(new Date("2026-11-23T10:00:00Z"), new Date("2026-11-23T10:00:00Z"), weekdays, "UTC")).toBe(0);
    expect(businessSeconds(new Date("2026-11-23T11:00:00Z"), new Date("2026-11-23T10:00:00Z"), weekdays, "UTC")).toBe(0);
  });
});
