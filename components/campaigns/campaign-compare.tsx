"use client";

import { ArrowLeft, Download, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createSerializer, useQueryStates } from "nuqs";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "../charts/chart-card";
import { axisProps, gridProps, SERIES_COLORS, tooltipStyle } from "../charts/chart-theme";
import type { SourceOption } from "../filters/filter-bar";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Select } from "../ui/select";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { apiUrl } from "@/lib/ui/api-client";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useApiQuery } from "@/lib/ui/use-api-query";
import type { CampaignListRow, CompareJson } from "./api-types";
import { CampaignFilterBar } from "./campaign-filter-bar";
import { campaignApiFilters, campaignFilterParams, compareParams, MAX_COMPARE } from "./campaign-params";
import { ChartBarVariantTtr } from "./chart-bar-variant-ttr";
import { CiBar, ciDomain } from "./ci-bar";
import { formatP, Verdict } from "./verdict";

const listUrl = createSerializer(campaignFilterParams);
const NONE = "__none__";

/** "spring:B" → { campaignId: "spring", variant: "B" } (the API's cohort reference). */
export function splitRef(ref: string): { campaignId: string; variant?: string } {
  const i = ref.lastIndexOf(":");
  return i > 0 ? { campaignId: ref.slice(0, i), variant: ref.slice(i + 1) } : { campaignId: ref };
}

/** 2–5 campaigns or variants side by side, each tested against the first. */
export function CampaignCompare({ tz, sources }: { tz: string; sources: SourceOption[] }) {
  const t = useTranslations();
  const fmt = useFormat();
  const addId = useId();
  const [p, setP] = useQueryStates(compareParams, { history: "push" });
  const filters = campaignApiFilters(p, tz);
  const ids = [...new Set(p.ids)];
  const ready = ids.length >= 2 && ids.length <= MAX_COMPARE;
  const params = { ...filters, items: ids.join(",") };
  const q = useApiQuery<CompareJson>("/api/v1/compare", params, { enabled: ready });
  const catalogue = useApiQuery<{ campaigns: CampaignListRow[] }>("/api/v1/campaigns", { sort: "title" });
  const d = ready ? q.data : undefined;

  const titles = new Map(catalogue.data?.campaigns.map((c) => [c.id, c.title ?? c.id]));
  const label = (ref: string) => {
    const r = splitRef(ref);
    const name = titles.get(r.campaignId) ?? r.campaignId;
    return r.variant !== undefined ? t("campaigns.compare.cohortVariant", { name, variant: r.variant }) : name;
  };
  const addable = (catalogue.data?.campaigns ?? []).filter((c) => !ids.includes(c.id));
  const domain = ciDomain(d ? d.cohorts.map((c) => c.readRateCi) : []);
  const bars = d
    ? d.cohorts.map((c) => ({
        label: label(c.ref),
        readRate: c.readRate,
        ci: c.readRateCi && c.readRate !== null ? [c.readRate - c.readRateCi[0], c.readRateCi[1] - c.readRate] : [0, 0],
      }))
    : [];

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <Link
          href={`/campaigns${listUrl(p)}`}
          className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {t("campaigns.title")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t("campaigns.compare.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("campaigns.compare.subtitle")}</p>
      </div>
      <CampaignFilterBar sources={sources} tz={tz} />

      <div className="flex flex-wrap items-end gap-2" role="group" aria-label={t("campaigns.compare.picked")}>
        {ids.map((ref, i) => (
          <span key={ref} className="inline-flex h-9 items-center gap-1 rounded-md border bg-card pr-1 pl-3 text-sm">
            {i === 0 && <span className="text-xs text-muted-foreground">{t("campaigns.compare.baseline")}:</span>}
            {label(ref)}
            <button
              type="button"
              className="inline-flex size-7 items-center justify-center rounded-sm text-muted-foreground hover:bg-accent hover:text-foreground"
              aria-label={t("campaigns.compare.remove", { name: label(ref) })}
              onClick={() => setP({ ids: ids.filter((x) => x !== ref) })}
            >
              <X className="size-4" aria-hidden />
            </button>
          </span>
        ))}
        {ids.length < MAX_COMPARE && addable.length > 0 && (
          <div className="flex flex-col gap-1">
            <label htmlFor={addId} className="text-xs text-muted-foreground">
              {t("campaigns.compare.add")}
            </label>
            <Select
              id={addId}
              value={NONE}
              onValueChange={(v) => v !== NONE && setP({ ids: [...ids, v] })}
              options={[
                { value: NONE, label: t("campaigns.compare.choose") },
                ...addable.map((c) => ({ value: c.id, label: c.title ?? c.id })),
              ]}
            />
          </div>
        )}
        {ready && (
          <Button asChild variant="outline" className="ml-auto">
            <a href={apiUrl("/api/v1/compare", { ...params, format: "csv" })} download data-testid="compare-csv">
              <Download aria-hidden />
              {t("campaigns.csv")}
            </a>
          </Button>
        )}
      </div>

      {!ready ? (
        <p
          className="rounded-lg border border-dashed bg-card px-6 py-10 text-center text-sm text-muted-foreground"
          data-testid="compare-pick"
        >
          {t("campaigns.compare.pick", { max: MAX_COMPARE })}
        </p>
      ) : q.error ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {t("campaigns.loadError", { message: q.error.message })}
        </p>
      ) : !d ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label={t("campaigns.loading")}>
          {ids.map((r) => (
            <Skeleton key={r} className="h-10 w-full" />
          ))}
        </div>
      ) : (
        <div className={cn("flex flex-col gap-5 transition-opacity", q.isPlaceholderData && "opacity-60")} aria-busy={q.isFetching}>
          <Card aria-labelledby="verdicts-heading" data-testid="verdicts">
            <CardHeader>
              <div>
                <CardTitle id="verdicts-heading">{t("campaigns.compare.verdicts")}</CardTitle>
                <CardDescription>{t("campaigns.compare.verdictsDescription", { baseline: label(d.cohorts[0].ref) })}</CardDescription>
              </div>
            </CardHeader>
            <CardContent className="flex flex-col gap-2">
              {d.cohorts.slice(1).map((c) => {
                const cmp = d.comparisons.find((x) => x.b === c.ref) ?? null;
                return <Verdict key={c.ref} a={label(d.cohorts[0].ref)} b={label(c.ref)} result={cmp} className="text-sm" />;
              })}
            </CardContent>
          </Card>

          <div className="rounded-lg border bg-card">
            <Table data-testid="compare-table">
              <caption className="sr-only">{t("campaigns.compare.caption")}</caption>
              <thead>
                <tr>
                  <Th>{t("campaigns.compare.cohort")}</Th>
                  <Th className="text-right">{t("metrics.sent")}</Th>
                  <Th className="text-right">{t("metrics.delivered")}</Th>
                  <Th className="text-right">{t("metrics.read")}</Th>
                  <Th className="text-right">{t("metrics.deliveryRate")}</Th>
                  <Th className="text-right">{t("campaigns.readRateLowerBound")}</Th>
                  <Th>{t("campaigns.ci95")}</Th>
                  <Th className="text-right">{t("campaigns.compare.vsBaseline")}</Th>
                  <Th className="text-right">{t("metrics.ttrP50")}</Th>
                </tr>
              </thead>
              <tbody>
                {d.cohorts.map((c, i) => {
                  const cmp = d.comparisons.find((x) => x.b === c.ref);
                  const ref = splitRef(c.ref);
                  const link = (status: "sent" | "delivered" | "read", n: number) => (
                    <Link
                      href={deliveriesHref({ ...filters, campaignId: ref.campaignId, variant: ref.variant, status })}
                      prefetch={false}
                      className="hover:underline"
                      aria-label={t("campaigns.drillDown", { count: fmt.count(n), status: t(`metrics.${status}`), name: label(c.ref) })}
                    >
                      {fmt.count(n)}
                    </Link>
                  );
                  return (
                    <tr key={c.ref} data-testid={`cohort-${c.ref}`}>
                      <Td className="font-medium">{label(c.ref)}</Td>
                      <Td className="text-right tabular-nums">{link("sent", c.sent)}</Td>
                      <Td className="text-right tabular-nums">{link("delivered", c.delivered)}</Td>
                      <Td className="text-right tabular-nums">{link("read", c.read)}</Td>
                      <Td className="text-right tabular-nums">{fmt.rate(c.deliveryRate)}</Td>
                      <Td className="text-right tabular-nums">{fmt.rate(c.readRate)}</Td>
                      <Td>
                        <CiBar rate={c.readRate} ci={c.readRateCi} domain={domain} />
                      </Td>
                      <Td className="text-right text-xs whitespace-nowrap tabular-nums">
                        {i === 0
                          ? t("campaigns.compare.baseline")
                          : cmp
                            ? `${fmt.change(cmp.difference, "points", t("campaigns.pointsUnit"))} · ${formatP(cmp.pValue, fmt.locale)}`
                            : "—"}
                      </Td>
                      <Td className="text-right tabular-nums">{fmt.duration(c.timeToRead.p50)}</Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          </div>

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard
              id="compare-read-rate"
              title={t("campaigns.compare.chartTitle")}
              description={t("campaigns.compare.chartDescription")}
              definition={t("metrics.definitions.readRate")}
              table={
                <Table>
                  <thead>
                    <tr>
                      <Th>{t("campaigns.compare.cohort")}</Th>
                      <Th className="text-right">{t("metrics.readRate")}</Th>
                      <Th className="text-right">{t("campaigns.ci95")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.cohorts.map((c) => (
                      <tr key={c.ref}>
                        <Td>{label(c.ref)}</Td>
                        <Td className="text-right tabular-nums">{fmt.rate(c.readRate)}</Td>
                        <Td className="text-right tabular-nums">
                          {c.readRateCi ? `${fmt.rate(c.readRateCi[0])} – ${fmt.rate(c.readRateCi[1])}` : "—"}
                        </Td>
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
                style={{ width: "100%", height: Math.max(120, 56 + bars.length * 44) }}
                margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid {...gridProps} vertical horizontal={false} />
                <XAxis type="number" domain={[0, 1]} tickFormatter={(r) => fmt.rate(Number(r))} {...axisProps} />
                <YAxis type="category" dataKey="label" width={150} {...axisProps} axisLine={false} />
                <Tooltip {...tooltipStyle} formatter={(v) => [fmt.rate(v === null ? null : Number(v)), t("metrics.readRate")]} />
                <Bar dataKey="readRate" fill={SERIES_COLORS.read} radius={[0, 3, 3, 0]}>
                  <ErrorBar dataKey="ci" width={6} stroke="var(--foreground)" direction="x" />
                </Bar>
              </BarChart>
            </ChartCard>
            <ChartBarVariantTtr
              id="compare-ttr"
              rows={d.cohorts.map((c) => ({ label: label(c.ref), read: c.read, timeToRead: c.timeToRead }))}
            />
          </div>
        </div>
      )}
    </div>
  );
}
