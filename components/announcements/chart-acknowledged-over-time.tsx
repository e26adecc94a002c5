"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { AnnouncementDetail } from "@/lib/queries/get-announcement";
import { ChartCard } from "../charts/chart-card";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "../charts/chart-theme";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";

/** Cumulative share of the targeted members who have acknowledged, since the send. */
export function ChartAcknowledgedOverTime({ detail, tz }: { detail: AnnouncementDetail; tz: string }) {
  const t = useTranslations("announcements.overTime");
  const fmt = useFormat();
  // Each bucket holds the cumulative count at its end, so it is labelled by its end ("until");
  // the curve starts from 0 at the send.
  const buckets = detail.overTime;
  const endOf = (i: number) => {
    if (i + 1 < buckets.length) return buckets[i + 1].start;
    const step = buckets.length > 1 ? Date.parse(buckets[i].start) - Date.parse(buckets[i - 1].start) : 3600_000;
    return new Date(Date.parse(buckets[i].start) + step).toISOString();
  };
  const points = [
    ...(detail.sentAt && buckets.length ? [{ at: detail.sentAt, acknowledged: 0, rate: detail.targeted ? 0 : null }] : []),
    ...buckets.map((b, i) => ({ at: endOf(i), acknowledged: b.acknowledged, rate: b.rate })),
  ].map((p) => ({ ...p, label: fmt.dateTime(p.at, tz) }));
  return (
    <ChartCard
      id="acknowledged-over-time"
      title={t("title")}
      description={t("description", { tz })}
      definition={t("definition")}
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("until")}</Th>
              <Th className="text-right">{t("acknowledged")}</Th>
              <Th className="text-right">{t("rate")}</Th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.at}>
                <Td className="tabular-nums">{p.label}</Td>
                <Td className="text-right tabular-nums">{fmt.count(p.acknowledged)}</Td>
                <Td className="text-right tabular-nums">{fmt.rate(p.rate)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      {points.length === 0 ? (
        <p className="py-10 text-center text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <AreaChart data={points} responsive style={{ width: "100%", height: 240 }} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="ack-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={SERIES_COLORS.read} stopOpacity={0.4} />
              <stop offset="100%" stopColor={SERIES_COLORS.read} stopOpacity={0.03} />
            </linearGradient>
          </defs>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="label" minTickGap={32} {...axisProps} />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(r) => fmt.rate(Number(r)).replace(/[.,]0(?=\D*$)/, "")}
            width={48}
            {...axisProps}
          />
          <Tooltip
            {...tooltipStyle}
            cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
            formatter={(v, _name, item) => [
              `${fmt.rate(Number(v))} (${fmt.count((item.payload as { acknowledged: number }).acknowledged)})`,
              t("rate"),
            ]}
          />
          <Area
            type="stepAfter"
            dataKey="rate"
            stroke={SERIES_COLORS.read}
            strokeWidth={2.5}
            fill="url(#ack-fill)"
            isAnimationActive={false}
          />
        </AreaChart>
      )}
    </ChartCard>
  );
}
