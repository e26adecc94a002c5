import { describe, expect, it } from "vitest";
import { deliveriesHref } from "./drill-down";

describe("deliveriesHref", () => {
  it("sorts keys and leaves out empty values", () => {
    expect(deliveriesHref({ status: "read", campaignId: "spring sale", variant: "", from: undefined, to: null, errorCode: "131026" })).toBe(
      "/deliveries?campaignId=spring+sale&errorCode=131026&status=read",
    );
  });

  it("keeps zero, which is a value", () => {
    expect(deliveriesHref({ ttrFrom: 0, ttrTo: 300 })).toBe("/deliveries?ttrFrom=0&ttrTo=300");
  });
});
