import { describe, expect, it } from "vitest";
import { normalCdf, twoProportionTest, verdict, wilsonInterval } from "./significance";

describe("Wilson interval", () => {
  it("matches published values", () => {
    // 8 of 10: the textbook example (Wilson 1927; e.g. Newcombe 1998, method 3).
    const [lo, hi] = wilsonInterval(8, 10)!;
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    const [lo0, hi0] = wilsonInterval(0, 20)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.1611, 4);
  });
  it("is null without trials and stays inside [0, 1]", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const [lo, hi] = wilsonInterval(1000, 1000)!;
    expect(hi).toBe(1);
    expect(lo).toBeGreaterThan(0.99);
  });
});

describe("two-proportion z-test", () => {
  it("matches a hand computation", () => {
    // pooled 0.525, se = sqrt(0.525 * 0.475 * (2/100)) = 0.070622, z = 0.15 / se = 2.1240
    const c = twoProportionTest(45, 100, 60, 100)!;
    expect(c.difference).toBeCloseTo(0.15, 10);
    expect(c.z).toBeCloseTo(2.124, 3);
    expect(c.pValue).toBeCloseTo(0.03367, 4);
    expect(c.significant).toBe(true);
  });
  it("is symmetric and not significant for equal rates", () => {
    const ab = twoProportionTest(30, 100, 36, 120)!;
    expect(ab.pValue).toBeCloseTo(1, 6);
    expect(ab.significant).toBe(false);
    const x = twoProportionTest(10, 50, 20, 50)!;
    const y = twoProportionTest(20, 50, 10, 50)!;
    expect(x.pValue).toBeCloseTo(y.pValue, 12);
    expect(x.difference).toBeCloseTo(-y.difference, 12);
  });
  it("is null without trials", () => {
    expect(twoProportionTest(0, 0, 1, 2)).toBeNull();
  });
  it("has an accurate normal CDF", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
  });
});

describe("verdict", () => {
  it("says plainly when a difference is not significant", () => {
    const c = twoProportionTest(50, 100, 53, 100);
    expect(verdict({ label: "A", rate: 0.5 }, { label: "B", rate: 0.53 }, c)).toMatch(/not significantly different/);
  });
  it("names the winner when it is", () => {
    const c = twoProportionTest(400, 1000, 480, 1000);
    expect(verdict({ label: "A", rate: 0.4 }, { label: "B", rate: 0.48 }, c)).toMatch(
      /^B is read more often than A: 48.0% vs 40.0%, 8.0 points/,
    );
  });
});
