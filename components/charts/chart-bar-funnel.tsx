"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toFunnelSteps, type FunnelInput } from "./chart-bar-funnel.data";
import { axisProps, SERIES_COLORS } from "./chart-theme";

/** Sent → delivered → read, each with its share of sent. */
export function ChartBarFunnel({ data }: { data: FunnelInput }) {
  const t = useTranslations();
  const fmt = useFormat();
  const steps = toFunnelSteps(data).map((s) => ({
    ...s,
    name: t(`metrics.${s.id}`),
    label: `${fmt.count(s.count)} · ${fmt.rate(s.ofSent)}`,
  }));
  return (
    <ChartCard
      id="funnel"
      title={t("charts.funnel.title")}
      description={t("charts.funnel.description")}
      definition={
        <>
          {t("metrics.definitions.deliveryRate")} {t("metrics.definitions.readRate")}
        </>
      }
      headline={
        <span className="text-muted-foreground">
          {t("charts.funnel.failedPending", { failed: fmt.count(data.failed), pending: fmt.count(data.pending) })}
        </span>
      }
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("charts.funnel.step")}</Th>
              <Th className="text-right">{t("charts.funnel.count")}</Th>
              <Th className="text-right">{t("charts.funnel.shareOfSent")}</Th>
              <Th className="text-right">{t("charts.funnel.shareOfPrevious")}</Th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.id}>
                <Td>{s.name}</Td>
                <Td className="text-right tabular-nums">{fmt.count(s.count)}</Td>
                <Td className="text-right tabular-nums">{fmt.rate(s.ofSent)}</Td>
                <Td className="text-right tabular-nums">{s.ofPrevious === null ? "—" : fmt.rate(s.ofPrevious)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <BarChart
        data={steps}
        layout="vertical"
        responsive
        style={{ width: "100%", height: 190 }}
        margin={{ top: 4, right: 16, bottom: 4, left: 0 }}
        barCategoryGap={10}
      >
        <XAxis type="number" hide domain={[0, Math.max(1, data.sent)]} />
        <YAxis type="category" dataKey="name" width={84} {...axisProps} axisLine={false} />
        <Bar dataKey="count" radius={[0, 4, 4, 0]} isAnimationActive={false} background={{ fill: "var(--muted)", radius: 4 }}>
          {steps.map((s) => (
            <Cell key={s.id} fill={SERIES_COLORS[s.id]} />
          ))}
          <LabelList
            dataKey="label"
            position="insideLeft"
            offset={8}
            className="fill-foreground text-xs font-medium"
            style={{ fill: "var(--foreground)" }}
          />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
