"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { DistributionBin } from "@/lib/metrics/ttr-distribution";
import { CountLink } from "../count-link";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toTtrBands, type TtrBand } from "./chart-bar-ttr-distribution.data";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "./chart-theme";

/**
 * Reads per time-to-read band (< 5 min … > 24 h), as GET /api/v1/stats/time-to-read reports them.
 * `hrefFor` turns each band's count into a link to the reads behind it.
 */
export function ChartBarTtrDistribution({ bins, hrefFor }: { bins: DistributionBin[]; hrefFor?: (band: TtrBand) => string | null }) {
  const t = useTranslations("charts.ttrDistribution");
  const router = useRouter();
  const tm = useTranslations("metrics.definitions");
  const fmt = useFormat();
  const bands = toTtrBands(bins).map((b) => ({ ...b, name: t(`bands.${b.id}`), shareLabel: b.share === null ? "" : fmt.rate(b.share) }));
  return (
    <ChartCard
      id="ttr-distribution"
      title={t("title")}
      description={t("description")}
      definition={tm("ttr")}
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("band")}</Th>
              <Th className="text-right">{t("reads")}</Th>
              <Th className="text-right">{t("share")}</Th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr key={b.id}>
                <Td>{b.name}</Td>
                <Td className="text-right tabular-nums">
                  <CountLink href={b.count > 0 ? hrefFor?.(b) : null} label={t("openReads", { count: fmt.count(b.count), band: b.name })}>
                    {fmt.count(b.count)}
                  </CountLink>
                </Td>
                <Td className="text-right tabular-nums">{fmt.rate(b.share)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <BarChart data={bands} responsive style={{ width: "100%", height: 240 }} margin={{ top: 20, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="name" interval={0} {...axisProps} tick={{ ...axisProps.tick, fontSize: 11 }} />
        <YAxis tickFormatter={fmt.compact} width={44} allowDecimals={false} {...axisProps} />
        <Tooltip {...tooltipStyle} formatter={(v) => [fmt.count(Number(v)), t("reads")]} />
        <Bar
          dataKey="count"
          fill={SERIES_COLORS.read}
          radius={[4, 4, 0, 0]}
          isAnimationActive={false}
          cursor={hrefFor ? "pointer" : undefined}
          onClick={(_d, i) => {
            const href = bands[i] && bands[i].count > 0 ? hrefFor?.(bands[i]) : null;
            if (href) router.push(href);
          }}
        >
          <LabelList dataKey="shareLabel" position="top" style={{ fill: "var(--muted-foreground)", fontSize: 11 }} />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
