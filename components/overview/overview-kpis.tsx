"use client";

import { useTranslations } from "next-intl";
import type { Overview } from "@/lib/queries/get-overview";
import { KpiCard, KpiGrid } from "../charts/kpi-card";
import { kpiChange, type Better, type ChangeMode } from "../charts/kpi-change";
import { CountLink } from "../count-link";
import { useFormat } from "../i18n/use-format";

export type KpiCount = "sent" | "delivered" | "read" | "failed" | "pending";

/**
 * The five Overview KPIs, each compared with the previous period of the same length. Every count
 * (sent, delivered, read, pending, failed) links to the deliveries behind it through `hrefFor`.
 */
export function OverviewKpis({
  current,
  previous,
  hrefFor,
}: {
  current: Overview;
  previous: Overview;
  hrefFor?: (status: KpiCount) => string;
}) {
  const t = useTranslations();
  const fmt = useFormat();
  const changeText = (cur: number | null, prev: number | null, mode: ChangeMode, better: Better) => {
    const c = kpiChange(cur, prev, mode, better);
    const text = c.value === null ? t("kpi.noPrevious") : t("kpi.vsPrevious", { change: fmt.change(c.value, mode, t("kpi.points")) });
    return { change: c, changeText: text };
  };
  const d = t.raw("metrics.definitions") as Record<string, string>;
  const link = (status: KpiCount) =>
    function KpiCountLink(chunks: React.ReactNode) {
      return (
        <CountLink href={hrefFor?.(status)} testId={hrefFor ? `kpi-link-${status}` : undefined}>
          {chunks}
        </CountLink>
      );
    };
  return (
    <KpiGrid>
      <KpiCard
        id="sent"
        label={t("metrics.sent")}
        value={fmt.count(current.sent)}
        valueHref={hrefFor?.("sent")}
        valueLabel={t("kpi.openSent", { count: fmt.count(current.sent) })}
        definition={d.sent}
        {...changeText(current.sent, previous.sent, "relative", "higher")}
        hint={t.rich("kpi.pendingFailed", {
          pending: fmt.count(current.pending),
          failed: fmt.count(current.failed),
          pendingLink: link("pending"),
          failedLink: link("failed"),
        })}
      />
      <KpiCard
        id="delivery-rate"
        label={t("metrics.deliveryRate")}
        value={fmt.rate(current.deliveryRate)}
        definition={d.deliveryRate}
        {...changeText(current.deliveryRate, previous.deliveryRate, "points", "higher")}
        hint={t.rich("kpi.deliveredOf", { delivered: fmt.count(current.delivered), link: link("delivered") })}
      />
      <KpiCard
        id="read-rate"
        label={t("metrics.readRate")}
        value={fmt.rate(current.readRate)}
        definition={d.readRate}
        badge={t("kpi.lowerBound")}
        {...changeText(current.readRate, previous.readRate, "points", "higher")}
        hint={t.rich("kpi.readCount", { read: fmt.count(current.read), link: link("read") })}
      />
      <KpiCard
        id="ttr-p50"
        label={t("metrics.ttrP50")}
        value={fmt.duration(current.timeToRead.p50)}
        definition={d.ttr}
        {...changeText(current.timeToRead.p50, previous.timeToRead.p50, "relative", "lower")}
        hint={t("kpi.mean", { mean: fmt.duration(current.timeToRead.mean) })}
      />
      <KpiCard
        id="ttr-p90"
        label={t("metrics.ttrP90")}
        value={fmt.duration(current.timeToRead.p90)}
        definition={d.ttr}
        {...changeText(current.timeToRead.p90, previous.timeToRead.p90, "relative", "lower")}
      />
    </KpiGrid>
  );
}
