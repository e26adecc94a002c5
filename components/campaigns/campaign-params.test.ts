import { describe, expect, it } from "vitest";
import { campaignApiFilters } from "./campaign-params";

const none = { from: null, to: null, source: null, clientPlatform: null };
const NOW = new Date("2026-03-10T20:00:00Z");

describe("campaignApiFilters", () => {
  it("sends no dates for all time, so the API covers every campaign", () => {
    expect(campaignApiFilters({ ...none, range: "all" }, "UTC", NOW)).toEqual({
      from: undefined,
      to: undefined,
      source: undefined,
      clientPlatform: undefined,
    });
  });

  it("turns presets into local days of the workspace zone", () => {
    // 20:00 UTC is already 11 March in Shanghai.
    expect(campaignApiFilters({ ...none, range: "7d" }, "Asia/Shanghai", NOW)).toMatchObject({ from: "2026-03-05", to: "2026-03-11" });
  });

  it("keeps a custom range and the other filters", () => {
    expect(
      campaignApiFilters({ range: "custom", from: "2026-02-01", to: "2026-02-03", source: "wa", clientPlatform: "ios" }, "UTC", NOW),
    ).toEqual({ from: "2026-02-01", to: "2026-02-03", source: "wa", clientPlatform: "ios" });
  });
});
