import { describe, expect, it } from "vitest";
import { deliveriesHref } from "./drill-down";

describe("deliveriesHref", () => {
  it("sorts the parameters and leaves out empty ones", () => {
    expect(deliveriesHref({ tz: "Asia/Shanghai", status: "read", from: "2026-11-01", kind: null, source: undefined, to: "" })).toBe(
      "/deliveries?from=2026-11-01&status=read&tz=Asia%2FShanghai",
    );
  });
  it("keeps zero (a time-to-read bound of 0 seconds)", () => {
    expect(deliveriesHref({ ttrTo: 300, ttrFrom: 0 })).toBe("/deliveries?ttrFrom=0&ttrTo=300");
  });
});
