"use client";

import { ArrowLeft, Download, GitCompareArrows } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createSerializer, useQueryStates } from "nuqs";
import { ChartHeatmapSendHour } from "../charts/chart-heatmap-send-hour";
import { Definition } from "../charts/chart-card";
import type { SourceOption } from "../filters/filter-bar";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { apiUrl } from "@/lib/ui/api-client";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useApiQuery } from "@/lib/ui/use-api-query";
import type { CampaignDetailJson } from "./api-types";
import { CampaignFilterBar } from "./campaign-filter-bar";
import { campaignApiFilters, campaignFilterParams, compareParams } from "./campaign-params";
import { ChartBarVariantTtr } from "./chart-bar-variant-ttr";
import { CiBar, ciDomain } from "./ci-bar";
import { formatP, Verdict } from "./verdict";

const COUNTS = ["sent", "delivered", "read", "failed", "pending"] as const;
const listUrl = createSerializer(campaignFilterParams);
const compareUrl = createSerializer(compareParams);

/** One campaign: counters, variants with intervals and tests, best send time, failures, time-to-read. */
export function CampaignDetail({ id, title, tz, sources }: { id: string; title: string | null; tz: string; sources: SourceOption[] }) {
  const t = useTranslations();
  const fmt = useFormat();
  const [f] = useQueryStates(campaignFilterParams);
  const filters = campaignApiFilters(f, tz);
  const q = useApiQuery<CampaignDetailJson>(`/api/v1/campaigns/${encodeURIComponent(id)}`, filters);
  const d = q.data;
  const name = d?.title ?? title ?? id;
  const variantName = (v: string) => (v === "" ? t("campaigns.detail.noVariant") : t("campaigns.detail.variant", { variant: v }));
  const named = d ? d.variants.filter((v) => v.variant !== "") : [];
  const variantRefs = named.map((v) => `${id}:${v.variant}`);
  // A row without a variant cannot be drilled into on its own (the deliveries filter has no
  // "no variant" value) unless it is the whole campaign.
  const drillable = (variant: string) => variant !== "" || (d?.variants.length ?? 0) <= 1;
  const href = (extra: Record<string, string | undefined>) => deliveriesHref({ ...filters, campaignId: id, ...extra });
  const domain = ciDomain(d ? [d.readRateCi, ...d.variants.map((v) => v.readRateCi)] : []);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <Link
          href={`/campaigns${listUrl(f)}`}
          className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {t("campaigns.title")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{name}</h1>
        {name !== id && <p className="text-sm text-muted-foreground">{id}</p>}
      </div>
      <CampaignFilterBar sources={sources} tz={tz} />
      <div className="flex flex-wrap gap-2">
        {named.length >= 2 && (
          <Button asChild variant="outline">
            <Link href={compareUrl("/campaigns/compare", { ...f, ids: variantRefs.slice(0, 5) })}>
              <GitCompareArrows aria-hidden />
              {t("campaigns.detail.compareVariants")}
            </Link>
          </Button>
        )}
        {named.length >= 2 && named.length <= 5 && (
          <Button asChild variant="outline">
            <a href={apiUrl("/api/v1/compare", { ...filters, items: variantRefs.join(","), format: "csv" })} download>
              <Download aria-hidden />
              {t("campaigns.detail.exportVariants")}
            </a>
          </Button>
        )}
        <Button asChild variant="outline">
          <a href={apiUrl("/api/v1/deliveries", { ...filters, campaignId: id, format: "csv" })} download>
            <Download aria-hidden />
            {t("campaigns.detail.exportRecipients")}
          </a>
        </Button>
      </div>

      {q.error ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {t("campaigns.loadError", { message: q.error.message })}
        </p>
      ) : !d ? (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-busy="true" aria-label={t("campaigns.loading")}>
          {Array.from({ length: 10 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
      ) : (
        <div className={cn("flex flex-col gap-5 transition-opacity", q.isPlaceholderData && "opacity-60")} aria-busy={q.isFetching}>
          {d.sent === 0 && (
            <p
              className="rounded-md border border-dashed bg-card px-3 py-6 text-center text-sm text-muted-foreground"
              data-testid="campaign-empty"
            >
              {t("campaigns.detail.emptyRange")}
            </p>
          )}
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
            {COUNTS.map((k) => (
              <Card key={k} className="p-4" data-testid={`count-${k}`}>
                <div className="flex items-center gap-1 text-xs text-muted-foreground">
                  {t(`metrics.${k}`)}
                  {k !== "failed" && k !== "pending" && <Definition title={t(`metrics.${k}`)}>{t(`metrics.definitions.${k}`)}</Definition>}
                </div>
                <Link
                  href={href({ status: k })}
                  prefetch={false}
                  className="mt-1 block text-2xl font-semibold tracking-tight tabular-nums hover:underline"
                  aria-label={t("campaigns.drillDown", { count: fmt.count(d[k]), status: t(`metrics.${k}`), name })}
                >
                  {fmt.count(d[k])}
                </Link>
              </Card>
            ))}
            <Card className="p-4" data-testid="rate-delivery">
              <div className="text-xs text-muted-foreground">{t("metrics.deliveryRate")}</div>
              <div className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{fmt.rate(d.deliveryRate)}</div>
            </Card>
            <Card className="p-4 md:col-span-2" data-testid="rate-read">
              <div className="flex items-center gap-1 text-xs text-muted-foreground">
                {t("campaigns.readRateLowerBound")}
                <Definition title={t("metrics.readRate")}>{t("metrics.definitions.readRate")}</Definition>
              </div>
              <div className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{fmt.rate(d.readRate)}</div>
              {d.readRateCi && (
                <div className="mt-1 text-xs text-muted-foreground">
                  {t("campaigns.ci", { lo: fmt.rate(d.readRateCi[0]), hi: fmt.rate(d.readRateCi[1]) })}
                </div>
              )}
            </Card>
          </div>

          <Card aria-labelledby="variants-heading" data-testid="variants">
            <CardHeader>
              <div>
                <CardTitle id="variants-heading">{t("campaigns.detail.variants")}</CardTitle>
                <CardDescription>{t("campaigns.detail.variantsDescription")}</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <Table>
                <thead>
                  <tr>
                    <Th>{t("campaigns.detail.variantColumn")}</Th>
                    {COUNTS.map((k) => (
                      <Th key={k} className="text-right">
                        {t(`metrics.${k}`)}
                      </Th>
                    ))}
                    <Th className="text-right">{t("metrics.deliveryRate")}</Th>
                    <Th className="text-right">{t("campaigns.readRateLowerBound")}</Th>
                    <Th>{t("campaigns.ci95")}</Th>
                    <Th className="text-right">{t("metrics.ttrP50")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {d.variants.map((v) => (
                    <tr key={v.variant} data-testid={`variant-${v.variant || "none"}`}>
                      <Td className="font-medium">{variantName(v.variant)}</Td>
                      {COUNTS.map((k) => (
                        <Td key={k} className="text-right tabular-nums">
                          {drillable(v.variant) ? (
                            <Link
                              href={href({ variant: v.variant || undefined, status: k })}
                              prefetch={false}
                              className="hover:underline"
                              aria-label={t("campaigns.drillDown", {
                                count: fmt.count(v[k]),
                                status: t(`metrics.${k}`),
                                name: variantName(v.variant),
                              })}
                            >
                              {fmt.count(v[k])}
                            </Link>
                          ) : (
                            fmt.count(v[k])
                          )}
                        </Td>
                      ))}
                      <Td className="text-right tabular-nums">{fmt.rate(v.deliveryRate)}</Td>
                      <Td className="text-right tabular-nums">{fmt.rate(v.readRate)}</Td>
                      <Td>
                        <CiBar rate={v.readRate} ci={v.readRateCi} domain={domain} />
                      </Td>
                      <Td className="text-right tabular-nums">{fmt.duration(v.timeToRead.p50)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {d.comparisons.length > 0 && (
                <div className="mt-4 flex flex-col gap-2" data-testid="comparisons">
                  <h3 className="text-sm font-semibold">{t("campaigns.detail.comparisons")}</h3>
                  <ul className="flex flex-col gap-2">
                    {d.comparisons.map((c) => (
                      <li key={`${c.a}|${c.b}`} className="rounded-md border px-3 py-2 text-sm">
                        <div className="mb-0.5 text-xs text-muted-foreground tabular-nums">
                          {t("campaigns.detail.pair", { a: variantName(c.a), b: variantName(c.b) })} ·{" "}
                          {t("campaigns.difference", { points: fmt.change(c.difference, "points", t("campaigns.pointsUnit")) })} ·{" "}
                          {formatP(c.pValue, fmt.locale)}
                        </div>
                        <Verdict a={variantName(c.a)} b={variantName(c.b)} result={c} />
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </CardContent>
          </Card>

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartBarVariantTtr
              id="campaign-ttr"
              rows={[
                { label: t("campaigns.detail.allVariants"), read: d.read, timeToRead: d.timeToRead },
                ...(d.variants.length > 1
                  ? d.variants.map((v) => ({ label: variantName(v.variant), read: v.read, timeToRead: v.timeToRead }))
                  : []),
              ]}
            />
            <FailureReasons reasons={d.failureReasons} href={(code) => href({ status: "failed", errorCode: code })} />
          </div>
          <ChartHeatmapSendHour rows={d.heatmap.cells} tz={d.heatmap.tz} />
        </div>
      )}
    </div>
  );
}

function FailureReasons({ reasons, href }: { reasons: CampaignDetailJson["failureReasons"]; href: (code: string) => string }) {
  const t = useTranslations("campaigns.failures");
  const fmt = useFormat();
  return (
    <Card aria-labelledby="failures-heading" data-testid="failure-reasons">
      <CardHeader>
        <div>
          <CardTitle id="failures-heading">{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {reasons.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t("code")}</Th>
                <Th>{t("reason")}</Th>
                <Th className="text-right">{t("count")}</Th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={r.code ?? "none"}>
                  <Td className="font-mono text-xs">{r.code ?? "—"}</Td>
                  <Td>{r.title ?? t("unknown")}</Td>
                  <Td className="text-right tabular-nums">
                    {r.code ? (
                      <Link
                        href={href(r.code)}
                        prefetch={false}
                        className="hover:underline"
                        aria-label={t("drillDown", { count: fmt.count(r.count), code: r.code })}
                      >
                        {fmt.count(r.count)}
                      </Link>
                    ) : (
                      fmt.count(r.count)
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
