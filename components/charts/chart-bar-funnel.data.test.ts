import { describe, expect, it } from "vitest";
import { toFunnelSteps } from "./chart-bar-funnel.data";

describe("funnel steps", () => {
  it("gives each step its share of sent and of the step before (delivery rate, read rate)", () => {
    const steps = toFunnelSteps({ sent: 4, delivered: 2, read: 1, failed: 1, pending: 1 });
    expect(steps.map((s) => [s.id, s.count, s.ofSent, s.ofPrevious])).toEqual([
      ["sent", 4, 1, null],
      ["delivered", 2, 0.5, 0.5],
      ["read", 1, 0.25, 0.5],
    ]);
  });

  it("has null shares when nothing was sent", () => {
    expect(toFunnelSteps({ sent: 0, delivered: 0, read: 0, failed: 0, pending: 0 }).every((s) => s.ofSent === null)).toBe(true);
  });
});
