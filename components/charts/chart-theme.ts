// Shared look of the Recharts charts; colours are CSS variables so light and dark themes apply.
export const SERIES_COLORS = {
  sent: "var(--chart-sent)",
  delivered: "var(--chart-delivered)",
  read: "var(--chart-read)",
  failed: "var(--chart-failed)",
} as const;

export const axisProps = {
  tick: { fill: "var(--muted-foreground)", fontSize: 12 },
  tickLine: false,
  axisLine: { stroke: "var(--border)" },
} as const;

export const gridProps = { stroke: "var(--chart-grid)", strokeDasharray: "3 3", vertical: false } as const;

export const tooltipStyle = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    color: "var(--popover-foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--popover-foreground)", fontWeight: 600 },
  cursor: { fill: "var(--accent)", opacity: 0.5 },
} as const;
