"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "../charts/chart-card";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "../charts/chart-theme";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import type { TimeToRead } from "@/lib/queries/time-to-read";

export interface VariantTtr {
  label: string;
  read: number;
  timeToRead: TimeToRead;
}

/** Median and p90 time-to-read per variant (or per compared cohort), in minutes on the axis. */
export function ChartBarVariantTtr({ id, rows }: { id: string; rows: VariantTtr[] }) {
  const t = useTranslations();
  const fmt = useFormat();
  const data = rows.map((r) => ({
    label: r.label,
    p50: r.timeToRead.p50 === null ? null : r.timeToRead.p50 / 60,
    p90: r.timeToRead.p90 === null ? null : r.timeToRead.p90 / 60,
  }));
  return (
    <ChartCard
      id={id}
      title={t("campaigns.ttr.title")}
      description={t("campaigns.ttr.description")}
      definition={t("metrics.definitions.ttr")}
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("campaigns.ttr.group")}</Th>
              <Th className="text-right">{t("metrics.read")}</Th>
              <Th className="text-right">{t("metrics.ttrP50")}</Th>
              <Th className="text-right">{t("metrics.ttrP90")}</Th>
              <Th className="text-right">{t("metrics.ttrMean")}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <Td>{r.label}</Td>
                <Td className="text-right tabular-nums">{fmt.count(r.read)}</Td>
                <Td className="text-right tabular-nums">{fmt.duration(r.timeToRead.p50)}</Td>
                <Td className="text-right tabular-nums">{fmt.duration(r.timeToRead.p90)}</Td>
                <Td className="text-right tabular-nums">{fmt.duration(r.timeToRead.mean)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: "100%", height: Math.max(120, 56 + data.length * 44) }}
        margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
        barGap={2}
        barCategoryGap={10}
      >
        <CartesianGrid {...gridProps} vertical horizontal={false} />
        <XAxis type="number" tickFormatter={(m) => fmt.duration(Number(m) * 60)} {...axisProps} />
        <YAxis type="category" dataKey="label" width={130} {...axisProps} axisLine={false} />
        <Tooltip
          {...tooltipStyle}
          formatter={(v, name) => [
            fmt.duration(v === null ? null : Number(v) * 60),
            t(name === "p50" ? "metrics.ttrP50" : "metrics.ttrP90"),
          ]}
        />
        <Legend
          formatter={(name) => <span className="text-xs text-foreground">{t(name === "p50" ? "metrics.ttrP50" : "metrics.ttrP90")}</span>}
        />
        <Bar dataKey="p50" fill={SERIES_COLORS.read} radius={[0, 3, 3, 0]} />
        <Bar dataKey="p90" fill={SERIES_COLORS.delivered} radius={[0, 3, 3, 0]} />
      </BarChart>
    </ChartCard>
  );
}
