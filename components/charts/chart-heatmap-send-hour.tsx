"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toHeatmapGrid, type HeatmapRow } from "./chart-heatmap-send-hour.data";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** Read rate by the weekday and hour a message was sent (workspace time zone). */
export function ChartHeatmapSendHour({ rows, tz }: { rows: HeatmapRow[]; tz: string }) {
  const t = useTranslations("charts.heatmap");
  const tm = useTranslations("metrics");
  const fmt = useFormat();
  const grid = toHeatmapGrid(rows);
  // The scale spans the lowest to the highest rate seen, so differences between hours stay visible
  // when every hour reads well; a faint floor keeps the lowest cells distinct from "no data".
  const span = grid.maxRate - grid.minRate;
  const shade = (rate: number | null) =>
    rate === null
      ? "var(--muted)"
      : `color-mix(in oklch, var(--heat-1) ${Math.round(12 + 88 * (span > 0 ? (rate - grid.minRate) / span : 1))}%, var(--heat-0))`;
  return (
    <ChartCard
      id="heatmap"
      title={t("title")}
      description={t("description", { tz })}
      definition={tm("definitions.readRate")}
      headline={
        grid.best && (
          <span className="text-muted-foreground">
            {t("best", {
              day: t(`days.${String(grid.best.weekday) as "1"}`),
              hour: String(grid.best.hour).padStart(2, "0"),
              rate: fmt.rate(grid.best.rate),
            })}
          </span>
        )
      }
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("weekday")}</Th>
              <Th>{t("hour")}</Th>
              <Th className="text-right">{tm("delivered")}</Th>
              <Th className="text-right">{tm("readRate")}</Th>
            </tr>
          </thead>
          <tbody>
            {grid.rows
              .flat()
              .filter((c) => c.delivered > 0)
              .map((c) => (
                <tr key={`${c.weekday}-${c.hour}`}>
                  <Td>{t(`days.${String(c.weekday) as "1"}`)}</Td>
                  <Td>{String(c.hour).padStart(2, "0")}:00</Td>
                  <Td className="text-right tabular-nums">{fmt.count(c.delivered)}</Td>
                  <Td className="text-right tabular-nums">{fmt.rate(c.rate)}</Td>
                </tr>
              ))}
          </tbody>
        </Table>
      }
    >
      <div className="overflow-x-auto">
        <div className="grid min-w-[560px] gap-[3px]" style={{ gridTemplateColumns: "2.5rem repeat(24, minmax(0, 1fr))" }}>
          <div />
          {Array.from({ length: 24 }, (_, h) => (
            <div key={h} className="text-center text-[10px] text-muted-foreground">
              {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
            </div>
          ))}
          {grid.rows.map((row, i) => (
            <div key={DAYS[i]} className="contents">
              <div className="pr-1 text-right text-xs leading-5 text-muted-foreground">{t(`days.${DAYS[i]}`)}</div>
              {row.map((c) => (
                <div
                  key={c.hour}
                  className="h-5 rounded-[3px]"
                  style={{ background: shade(c.rate) }}
                  title={`${t(`days.${DAYS[i]}`)} ${String(c.hour).padStart(2, "0")}:00 — ${c.rate === null ? t("noData") : `${fmt.rate(c.rate)} (${fmt.count(c.delivered)})`}`}
                />
              ))}
            </div>
          ))}
        </div>
        <div className="mt-2 flex items-center justify-end gap-2 text-xs text-muted-foreground">
          {t("less")}
          <span className="h-2 w-24 rounded-full" style={{ background: "linear-gradient(to right, var(--heat-0), var(--heat-1))" }} />
          {t("more")}
        </div>
      </div>
    </ChartCard>
  );
}
