import { describe, expect, it } from "vitest";
import { toHeatmapGrid } from "./chart-heatmap-send-hour.data";

describe("send-hour heatmap", () => {
  it("lays out Monday-first 7×24 cells with rates and picks the best well-sampled cell", () => {
    const grid = toHeatmapGrid([
      { weekday: 1, hour: 9, delivered: 100, read: 60 },
      { weekday: 7, hour: 23, delivered: 5, read: 5 },
      { weekday: 3, hour: 14, delivered: 50, read: 20 },
    ]);
    expect(grid.rows).toHaveLength(7);
    expect(grid.rows.every((r) => r.length === 24)).toBe(true);
    expect(grid.rows[0][9].rate).toBe(0.6);
    expect(grid.rows[6][23].rate).toBe(1);
    expect(grid.rows[2][13].rate).toBeNull();
    expect(grid.maxRate).toBe(1);
    expect(grid.minRate).toBe(0.4);
    // Sunday 23:00 reads 100 % but on 5 deliveries: too few to call it the best hour.
    expect(grid.best).toMatchObject({ weekday: 1, hour: 9 });
  });
});
