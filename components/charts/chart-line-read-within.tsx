"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { matureUpTo, rateWithin, toReadWithinPoints, type ReadWithinRow } from "./chart-line-read-within.data";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "./chart-theme";

const TICKS = [60, 300, 900, 3600, 14400, 86400, 604800];
const HEADLINE_AGES = [300, 3600, 86400];

/**
 * The signature chart: cumulative share of delivered messages read within t of sending, on a log
 * time axis (minutes to a week), counting only cohorts old enough for each t.
 */
export function ChartLineReadWithin({ rows }: { rows: ReadWithinRow[] }) {
  const t = useTranslations("charts.readWithin");
  const fmt = useFormat();
  const points = toReadWithinPoints(rows);
  const mature = matureUpTo(points);
  const last = points.at(-1)?.seconds ?? null;
  const plotted = points.filter((p) => p.rate !== null);
  return (
    <ChartCard
      id="read-within"
      title={t("title")}
      description={t("description")}
      definition={t("definition")}
      headline={
        <dl className="grid grid-cols-3 gap-2">
          {HEADLINE_AGES.map((age) => (
            <div key={age} className="rounded-md bg-muted px-3 py-2">
              <dt className="text-xs text-muted-foreground">{t("within", { age: fmt.duration(age) })}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`read-within-${age}`}>
                {fmt.rate(rateWithin(points, age))}
              </dd>
            </div>
          ))}
        </dl>
      }
      table={
        <Table>
          <thead>
            <tr>
              <Th>{t("age")}</Th>
              <Th className="text-right">{t("rate")}</Th>
              <Th className="text-right">{t("basis")}</Th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.seconds}>
                <Td>{fmt.duration(p.seconds)}</Td>
                <Td className="text-right tabular-nums">{fmt.rate(p.rate)}</Td>
                <Td className="text-right tabular-nums">{fmt.count(p.delivered)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    >
      <AreaChart data={plotted} responsive style={{ width: "100%", height: 240 }} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id="read-within-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={SERIES_COLORS.read} stopOpacity={0.4} />
            <stop offset="100%" stopColor={SERIES_COLORS.read} stopOpacity={0.03} />
          </linearGradient>
        </defs>
        <CartesianGrid {...gridProps} />
        <XAxis
          dataKey="seconds"
          type="number"
          scale="log"
          domain={[60, 604800]}
          ticks={TICKS}
          tickFormatter={(s) => fmt.duration(Number(s))}
          allowDataOverflow
          {...axisProps}
        />
        <YAxis
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(r) => fmt.rate(Number(r)).replace(/[.,]0(?=\D*$)/, "")}
          width={48}
          {...axisProps}
        />
        <ReferenceLine x={3600} stroke="var(--border)" strokeDasharray="4 4" />
        <ReferenceLine x={86400} stroke="var(--border)" strokeDasharray="4 4" />
        <Tooltip
          {...tooltipStyle}
          cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
          labelFormatter={(s) => t("within", { age: fmt.duration(Number(s)) })}
          formatter={(v, _name, item) => [
            `${fmt.rate(Number(v))} (${fmt.count((item.payload as { delivered: number }).delivered)})`,
            t("rate"),
          ]}
        />
        <Area
          type="monotone"
          dataKey="rate"
          stroke={SERIES_COLORS.read}
          strokeWidth={2.5}
          fill="url(#read-within-fill)"
          dot={{ r: 2.5, fill: SERIES_COLORS.read }}
          activeDot={{ r: 5 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </AreaChart>
      {mature !== null && last !== null && mature < last && (
        <p className="mt-2 text-xs text-muted-foreground">{t("immature", { age: fmt.duration(mature) })}</p>
      )}
    </ChartCard>
  );
}
