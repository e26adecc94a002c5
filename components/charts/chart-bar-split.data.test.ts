import { describe, expect, it } from "vitest";
import { toSplitBars } from "./chart-bar-split.data";

const row = (key: string, sent: number, delivered: number, read: number) => ({
  key,
  label: null,
  platform: null,
  sent,
  delivered,
  read,
  failed: 0,
});

describe("split bars", () => {
  it("merges rows of the same key, sorts by volume and computes both rates", () => {
    const bars = toSplitBars([row("web", 10, 5, 1), row("ios", 100, 90, 45), row("web", 10, 5, 4), row("desktop", 0, 0, 0)], (r) =>
      r.key.toUpperCase(),
    );
    expect(bars.map((b) => b.key)).toEqual(["ios", "web"]);
    expect(bars[1]).toMatchObject({ label: "WEB", sent: 20, delivered: 10, read: 5, deliveryRate: 0.5, readRate: 0.5 });
  });

  it("gives a null read rate when nothing was delivered", () => {
    expect(toSplitBars([row("android", 3, 0, 0)], (r) => r.key)[0].readRate).toBeNull();
  });
});
