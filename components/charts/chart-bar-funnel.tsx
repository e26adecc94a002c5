"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { CountLink } from "../count-link";
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";
import { useFormat } from "../i18n/use-format";
import { Table, Td, Th } from "../ui/table";
import { ChartCard } from "./chart-card";
import { toFunnelSteps, type FunnelInput } from "./chart-bar-funnel.data";
import { axisProps, SERIES_COLORS } from "./chart-theme";

export type FunnelCount = "sent" | "delivered" | "read" | "failed" | "pending";

/** Sent → delivered → read, each with its share of sent; `hrefFor` links each count to its deliveries. */
export function ChartBarFunnel({ data, hrefFor }: { data: FunnelInput; hrefFor?: (status: FunnelCount) => string }) {
  const t = useTranslations();
  const router = useRouter();
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
          {t.rich("charts.funnel.failedPending", {
            failed: fmt.count(data.failed),
            pending: fmt.count(data.pending),
            failedLink: (c) => <CountLink href={hrefFor?.("failed")}>{c}</CountLink>,
            pendingLink: (c) => <CountLink href={hrefFor?.("pending")}>{c}</CountLink>,
          })}
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
                <Td className="text-right tabular-nums">
                  <CountLink href={hrefFor?.(s.id)} label={t("charts.funnel.open", { count: fmt.count(s.count), step: s.name })}>
                    {fmt.count(s.count)}
                  </CountLink>
                </Td>
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
        <Bar
          dataKey="count"
          radius={[0, 4, 4, 0]}
          isAnimationActive={false}
          background={{ fill: "var(--muted)", radius: 4 }}
          cursor={hrefFor ? "pointer" : undefined}
          onClick={(_d, i) => hrefFor && steps[i] && router.push(hrefFor(steps[i].id))}
        >
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
