"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CountLink } from "../count-link";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toSplitBars, type SplitRow } from "./chart-bar-split.data";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "./chart-theme";

export type SplitDimension = "source" | "clientPlatform";

/** Delivery and read rate per IM platform (source) or per client platform, side by side. */
export function ChartBarSplit({
  dimension,
  rows,
  hrefFor,
}: {
  dimension: SplitDimension;
  rows: SplitRow[];
  /** The deliveries sent to a group (null when no filter can select it). */
  hrefFor?: (key: string) => string | null;
}) {
  const t = useTranslations();
  const router = useRouter();
  const fmt = useFormat();
  const labelFor = (r: SplitRow) => {
    if (dimension === "clientPlatform") return t(`clientPlatforms.${r.key as "ios"}`);
    if (r.key === "") return t("platforms.api");
    return r.label ?? r.key;
  };
  const bars = toSplitBars(rows, labelFor);
  const title = t(dimension === "source" ? "charts.split.bySource" : "charts.split.byClientPlatform");
  return (
    <ChartCard
      id={`split-${dimension}`}
      title={title}
      description={t("charts.split.description")}
      definition={
        <>
          {t("metrics.definitions.deliveryRate")} {t("metrics.definitions.readRate")}
        </>
      }
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("charts.split.group")}</Th>
              <Th className="text-right">{t("metrics.sent")}</Th>
              <Th className="text-right">{t("metrics.deliveryRate")}</Th>
              <Th className="text-right">{t("metrics.readRate")}</Th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <Td>{b.label}</Td>
                <Td className="text-right tabular-nums">
                  <CountLink href={hrefFor?.(b.key)} label={t("charts.split.open", { count: fmt.count(b.sent), group: b.label })}>
                    {fmt.count(b.sent)}
                  </CountLink>
                </Td>
                <Td className="text-right tabular-nums">{fmt.rate(b.deliveryRate)}</Td>
                <Td className="text-right tabular-nums">{fmt.rate(b.readRate)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <BarChart
        data={bars}
        layout="vertical"
        responsive
        margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
        barGap={2}
        barCategoryGap={10}
        style={{ width: "100%", height: Math.max(120, 56 + bars.length * 44), cursor: hrefFor ? "pointer" : undefined }}
        onClick={(e) => {
          const i = e?.activeTooltipIndex;
          const href = typeof i === "number" || typeof i === "string" ? hrefFor?.(bars[Number(i)]?.key ?? "") : null;
          if (href) router.push(href);
        }}
      >
        <CartesianGrid {...gridProps} vertical horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(r) => fmt.rate(Number(r)).replace(/[.,]0(?=\D*$)/, "")}
          {...axisProps}
        />
        <YAxis type="category" dataKey="label" width={130} {...axisProps} axisLine={false} />
        <Tooltip
          {...tooltipStyle}
          formatter={(v, name) => [fmt.rate(v === null ? null : Number(v)), t(`metrics.${name as "deliveryRate" | "readRate"}`)]}
        />
        <Legend
          formatter={(name) => <span className="text-xs text-foreground">{t(`metrics.${name as "deliveryRate" | "readRate"}`)}</span>}
          iconType="circle"
          iconSize={8}
          itemSorter={null}
        />
        <Bar dataKey="deliveryRate" name="deliveryRate" fill={SERIES_COLORS.delivered} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        <Bar dataKey="readRate" name="readRate" fill={SERIES_COLORS.read} radius={[0, 3, 3, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  );
}
