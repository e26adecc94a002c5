"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toResponseBands, type ResponseBin } from "./chart-bar-response-times.data";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "./chart-theme";

export interface TimeSummaryRow {
  count: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
}

/** First-response or reply times per band (< 5 min … > 24 h), with p50 / p90 / mean above. */
export function ChartBarResponseTimes({
  metric,
  bins,
  summary,
  basisNote,
}: {
  metric: "firstResponse" | "reply";
  bins: ResponseBin[];
  summary: TimeSummaryRow;
  /** Which clock the durations are on (business hours or calendar time). */
  basisNote: string;
}) {
  const t = useTranslations("support.charts");
  const tb = useTranslations("charts.ttrDistribution.bands");
  const fmt = useFormat();
  const bands = toResponseBands(bins, metric).map((b) => ({ ...b, name: tb(b.id), shareLabel: b.share === null ? "" : fmt.rate(b.share) }));
  const title = t(`${metric}.title`);
  return (
    <ChartCard
      id={`support-${metric}`}
      title={title}
      description={basisNote}
      definition={t(`${metric}.definition`)}
      headline={
        <dl className="flex flex-wrap gap-x-5 gap-y-1" data-testid={`summary-${metric}`}>
          {(["p50", "p90", "mean"] as const).map((k) => (
            <div key={k} className="flex items-baseline gap-1.5">
              <dt className="text-muted-foreground">{t(k)}</dt>
              <dd className="font-semibold tabular-nums" data-testid={`${metric}-${k}`}>
                {fmt.duration(summary[k])}
              </dd>
            </div>
          ))}
          <div className="flex items-baseline gap-1.5">
            <dt className="text-muted-foreground">{t("count")}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`${metric}-count`}>
              {fmt.count(summary.count)}
            </dd>
          </div>
        </dl>
      }
      table={
        <Table>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <Th>{t("band")}</Th>
              <Th className="text-right">{t(`${metric}.unit`)}</Th>
              <Th className="text-right">{t("share")}</Th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr key={b.id}>
                <Td>{b.name}</Td>
                <Td className="text-right tabular-nums">{fmt.count(b.count)}</Td>
                <Td className="text-right tabular-nums">{fmt.rate(b.share)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <BarChart data={bands} responsive style={{ width: "100%", height: 220 }} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="name" interval={0} {...axisProps} tick={{ ...axisProps.tick, fontSize: 11 }} />
        <YAxis tickFormatter={fmt.compact} width={40} allowDecimals={false} {...axisProps} />
        <Tooltip {...tooltipStyle} formatter={(v) => [fmt.count(Number(v)), t(`${metric}.unit`)]} />
        <Bar
          dataKey="count"
          fill={metric === "firstResponse" ? SERIES_COLORS.delivered : SERIES_COLORS.read}
          radius={[4, 4, 0, 0]}
          isAnimationActive={false}
        >
          <LabelList dataKey="shareLabel" position="top" style={{ fill: "var(--muted-foreground)", fontSize: 11 }} />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
