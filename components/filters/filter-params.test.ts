import { describe, expect, it } from "vitest";
import { addDays, localToday, presetDays, toQueryFilters } from "./filter-params";

const none = { from: null, to: null, kind: null, source: null, clientPlatform: null } as const;

describe("dashboard filters from the URL", () => {
  // 20:00 UTC on 1 March is already 2 March in Kolkata (+05:30) and still 1 March in New York.
  const now = new Date("2026-03-01T20:00:00Z");

  it("computes today in the workspace time zone, not the server's", () => {
    expect(localToday("Asia/Kolkata", now)).toBe("2026-03-02");
    expect(localToday("America/New_York", now)).toBe("2026-03-01");
  });

  it("turns presets into inclusive local days", () => {
    expect(presetDays({ range: "today", from: null, to: null }, "Asia/Kolkata", now)).toEqual({ from: "2026-03-02", to: "2026-03-02" });
    expect(presetDays({ range: "7d", from: null, to: null }, "Asia/Kolkata", now)).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(presetDays({ range: "30d", from: null, to: null }, "UTC", now)).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("uses custom days, swapped when reversed, and falls back to 30 days when incomplete", () => {
    expect(presetDays({ range: "custom", from: "2026-02-10", to: "2026-02-01" }, "UTC", now)).toEqual({
      from: "2026-02-01",
      to: "2026-02-10",
    });
    expect(presetDays({ range: "custom", from: "2026-02-10", to: null }, "UTC", now)).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetDays({ range: "custom", from: "garbage", to: "2026-02-01" }, "UTC", now).from).toBe("2026-01-31");
  });

  it("maps to the query layer's filters, dropping empty ones", () => {
    expect(toQueryFilters({ ...none, range: "7d", kind: "campaign", clientPlatform: "ios" }, "UTC", now)).toEqual({
      from: "2026-02-23",
      to: "2026-03-01",
      kind: "campaign",
      source: undefined,
      clientPlatform: "ios",
    });
  });

  it("does calendar arithmetic across month ends and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
