import { describe, expect, it } from "vitest";
import { kpiChange } from "./kpi-change";

describe("KPI change vs previous period", () => {
  it("reports relative change for counts and durations", () => {
    expect(kpiChange(110, 100, "relative", "higher")).toEqual({ value: 0.1, direction: "up", tone: "good" });
    // A slower median time-to-read is bad news.
    expect(kpiChange(120, 100, "relative", "lower")).toMatchObject({ direction: "up", tone: "bad" });
  });

  it("reports rate changes in points", () => {
    const c = kpiChange(0.55, 0.6, "points", "higher");
    expect(c.value).toBeCloseTo(-0.05);
    expect(c).toMatchObject({ direction: "down", tone: "bad" });
  });

  it("is not comparable without a previous value or from zero", () => {
    expect(kpiChange(5, null, "points", "higher").value).toBeNull();
    expect(kpiChange(5, 0, "relative", "higher")).toEqual({ value: null, direction: "flat", tone: "neutral" });
    expect(kpiChange(0.5, 0.5, "points", "higher")).toEqual({ value: 0, direction: "flat", tone: "neutral" });
  });
});
