import { describe, expect, it } from "vitest";
import { toTrendPoints, trendBuckets } from "./chart-area-trend.data";

describe("trend buckets", () => {
  it("lists every local day of the range", () => {
    // 3 local days in Kolkata: midnight IST is 18:30 UTC the day before.
    const days = trendBuckets("day", new Date("2026-03-01T18:30:00Z"), new Date("2026-03-04T18:30:00Z"), "Asia/Kolkata");
    expect(days).toEqual(["2026-03-02T00:00", "2026-03-03T00:00", "2026-03-04T00:00"]);
  });

  it("has 23 hours on a spring-forward day and 25 on a fall-back day", () => {
    // New York: DST starts 2026-03-08 (EST→EDT) and ends 2026-11-01.
    const spring = trendBuckets("hour", new Date("2026-03-08T05:00:00Z"), new Date("2026-03-09T04:00:00Z"), "America/New_York");
    expect(spring).toHaveLength(23);
    expect(spring).not.toContain("2026-03-08T02:00");
    const fall = trendBuckets("hour", new Date("2026-11-01T04:00:00Z"), new Date("2026-11-02T05:00:00Z"), "America/New_York");
    // The repeated 01:00 hour appears once as a label (both instants fall in it), so 24 labels for 25 hours.
    expect(fall).toHaveLength(24);
    expect(fall.filter((h) => h === "2026-11-01T01:00")).toHaveLength(1);
  });

  it("uses whole local hours in a +05:45 zone", () => {
    const hours = trendBuckets("hour", new Date("2026-03-01T18:15:00Z"), new Date("2026-03-01T21:15:00Z"), "Asia/Kathmandu");
    expect(hours).toEqual(["2026-03-02T00:00", "2026-03-02T01:00", "2026-03-02T02:00"]);
  });
});

describe("trend points", () => {
  it("fills empty buckets with zeros and computes the read rate on delivered", () => {
    const points = toTrendPoints([{ local: "2026-03-03T00:00", sent: 10, delivered: 8, read: 2, failed: 1 }], {
      unit: "day",
      from: "2026-03-01T18:30:00Z",
      to: "2026-03-04T18:30:00Z",
      tz: "Asia/Kolkata",
    });
    expect(points.map((p) => p.sent)).toEqual([0, 10, 0]);
    expect(points[1].readRate).toBe(0.25);
    expect(points[0].readRate).toBeNull();
  });
});
