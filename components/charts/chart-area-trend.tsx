"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toTrendPoints, type TrendRow, type TrendUnit } from "./chart-area-trend.data";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "./chart-theme";

export interface TrendInput {
  unit: TrendUnit;
  /** Range as ISO instants and the time zone the buckets are in. */
  from: string;
  to: string;
  tz: string;
  rows: TrendRow[];
}

const SERIES = ["sent", "delivered", "read"] as const;

/** Sent, delivered and read per send-time bucket (hour or day in the workspace time zone). */
export function ChartAreaTrend({ data }: { data: TrendInput }) {
  const t = useTranslations();
  const fmt = useFormat();
  const points = toTrendPoints(data.rows, data);
  const label = (local: string) =>
    data.unit === "hour"
      ? local.slice(11, 16)
      : new Intl.DateTimeFormat(fmt.locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(
          new Date(`${local.slice(0, 10)}T00:00:00Z`),
        );
  const fullLabel = (local: string) =>
    data.unit === "hour" ? `${label(local.slice(0, 10) + "T00:00")} ${local.slice(11, 16)}` : label(local);
  return (
    <ChartCard
      id="trend"
      title={t("charts.trend.title")}
      description={t("charts.trend.description", { unit: t(`charts.trend.${data.unit}`), tz: data.tz })}
      definition={t("metrics.definitions.cohorts")}
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("charts.trend.bucket")}</Th>
              {SERIES.map((s) => (
                <Th key={s} className="text-right">
                  {t(`metrics.${s}`)}
                </Th>
              ))}
              <Th className="text-right">{t("metrics.readRate")}</Th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.local}>
                <Td>{fullLabel(p.local)}</Td>
                {SERIES.map((s) => (
                  <Td key={s} className="text-right tabular-nums">
                    {fmt.count(p[s])}
                  </Td>
                ))}
                <Td className="text-right tabular-nums">{fmt.rate(p.readRate)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <AreaChart data={points} responsive style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <defs>
          {SERIES.map((s) => (
            <linearGradient key={s} id={`trend-${s}`} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={SERIES_COLORS[s]} stopOpacity={0.35} />
              <stop offset="100%" stopColor={SERIES_COLORS[s]} stopOpacity={0.02} />
            </linearGradient>
          ))}
        </defs>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="local" tickFormatter={label} minTickGap={24} {...axisProps} />
        <YAxis tickFormatter={fmt.compact} width={44} allowDecimals={false} {...axisProps} />
        <Tooltip
          {...tooltipStyle}
          labelFormatter={(l) => fullLabel(String(l))}
          formatter={(v, name) => [fmt.count(Number(v)), t(`metrics.${name as (typeof SERIES)[number]}`)]}
        />
        <Legend
          formatter={(name) => <span className="text-xs text-foreground">{t(`metrics.${name as (typeof SERIES)[number]}`)}</span>}
          iconType="circle"
          iconSize={8}
          itemSorter={null}
        />
        {SERIES.map((s) => (
          <Area
            key={s}
            type="linear"
            dataKey={s}
            name={s}
            stroke={SERIES_COLORS[s]}
            strokeWidth={2}
            fill={`url(#trend-${s})`}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartCard>
  );
}
