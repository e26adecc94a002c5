export interface HeatmapRow {
  /** ISO weekday in the workspace time zone: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  delivered: number;
  read: number;
}

export interface HeatmapCell extends HeatmapRow {
  rate: number | null;
}

export interface HeatmapGrid {
  /** 7 rows (Monday first) × 24 hours. */
  rows: HeatmapCell[][];
  /** Lowest and highest rate among cells with data (0 when none), for the colour scale. */
  minRate: number;
  maxRate: number;
  /** The cell with the best read rate among those with at least `minDelivered` deliveries. */
  best: HeatmapCell | null;
}

export function toHeatmapGrid(data: HeatmapRow[], minDelivered = 20): HeatmapGrid {
  const at = new Map(data.map((d) => [`${d.weekday}:${d.hour}`, d]));
  let maxRate = 0;
  let minRate = Infinity;
  let best: HeatmapCell | null = null;
  const rows = Array.from({ length: 7 }, (_, i) =>
    Array.from({ length: 24 }, (_, hour) => {
      const d = at.get(`${i + 1}:${hour}`) ?? { weekday: i + 1, hour, delivered: 0, read: 0 };
      const cell = { ...d, rate: d.delivered > 0 ? d.read / d.delivered : null };
      if (cell.rate !== null) {
        maxRate = Math.max(maxRate, cell.rate);
        minRate = Math.min(minRate, cell.rate);
        if (cell.delivered >= minDelivered && (!best || cell.rate > best.rate!)) best = cell;
      }
      return cell;
    }),
  );
  return { rows, minRate: minRate === Infinity ? 0 : minRate, maxRate, best };
}
