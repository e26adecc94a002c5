import { describe, expect, it } from "vitest";
import { formatChange, formatCount, formatDuration, formatRate, formatRelative } from "./format";

describe("formatting per locale", () => {
  it("formats counts and rates with the locale's separators", () => {
    expect(formatCount(12345, "en")).toBe("12,345");
    expect(formatCount(12345, "zh-CN")).toBe("12,345");
    expect(formatRate(0.5, "en")).toBe("50.0%");
    expect(formatRate(2 / 3, "zh-CN")).toBe("66.7%");
    expect(formatRate(null)).toBe("—");
  });

  it("picks the largest sensible duration unit, translated", () => {
    expect(formatDuration(42, "en")).toBe("42 sec");
    expect(formatDuration(252, "en")).toBe("4.2 min");
    expect(formatDuration(5400, "en")).toBe("1.5 hr");
    expect(formatDuration(252, "zh-CN")).toBe("4.2分钟");
    expect(formatDuration(5400, "zh-CN")).toBe("1.5小时");
    expect(formatDuration(null)).toBe("—");
  });

  it("signs changes, relative or in points", () => {
    expect(formatChange(0.125, "relative", "en")).toBe("+12.5%");
    expect(formatChange(-0.021, "points", "en")).toBe("-2.1 pp");
    expect(formatChange(0, "relative", "en")).toBe("0%");
  });

  it("says how long ago", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(formatRelative("2026-01-01T11:57:00Z", now, "en")).toBe("3 min. ago");
    expect(formatRelative("2026-01-01T11:57:00Z", now, "zh-CN")).toBe("3分钟前");
  });
});
