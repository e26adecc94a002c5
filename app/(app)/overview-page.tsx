"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Inbox, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { ChartAreaTrend, type TrendInput } from "@/components/charts/chart-area-trend";
import type { TrendUnit } from "@/components/charts/chart-area-trend.data";
import { ChartBarFunnel } from "@/components/charts/chart-bar-funnel";
import { ChartBarSplit } from "@/components/charts/chart-bar-split";
import type { SplitRow } from "@/components/charts/chart-bar-split.data";
import { ChartBarTtrDistribution } from "@/components/charts/chart-bar-ttr-distribution";
import { ChartSkeleton, WidgetBoundary, WidgetError } from "@/components/charts/chart-card";
import { ChartHeatmapSendHour } from "@/components/charts/chart-heatmap-send-hour";
import { ChartLineReadWithin } from "@/components/charts/chart-line-read-within";
import { KpiCardSkeleton, KpiGrid } from "@/components/charts/kpi-card";
import { FilterBar } from "@/components/filters/filter-bar";
import { useDashboardFilters } from "@/components/filters/use-dashboard-filters";
import { useFormat } from "@/components/i18n/use-format";
import { LiveActivity, type ActivityItem } from "@/components/live-activity";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { RecentMessages, type RecentMessageRow } from "@/components/recent-messages";
import { LiveBadge } from "@/components/shell/live-badge";
import { cn } from "@/components/ui/cn";
import type { ApiRequestError } from "@/lib/ui/api-client";
import { deliveriesHref, type DrillDownParams } from "@/lib/ui/drill-down";
import { useApiQuery } from "@/lib/ui/use-api-query";
import type { HeatCell } from "@/lib/queries/get-read-heatmap";
import type { Kpis } from "@/lib/queries/get-kpis";
import type { TimeseriesBucket } from "@/lib/queries/get-timeseries";
import type { TtrDistribution } from "@/lib/queries/get-ttr-distribution";
import type { SplitRow as ApiSplitRow } from "@/lib/queries/get-splits";
import type { SourceOption } from "@/lib/queries/list-source-options";
import type { ReadWithinRow } from "@/lib/queries/read-within";

// The Overview reads every widget from the read API with the URL's filters (useApiQuery), so the
// live stream (components/shell/live-updates.tsx) refreshes it in place within a second of a
// receipt, and a filter change keeps the old numbers on screen, dimmed, until the new ones arrive.
// Every count links to the deliveries behind it (lib/ui/drill-down.ts) with the same filters and zone.

export interface OverviewPageProps {
  /** The signed-in user's workspace time zone: every date on the page is in it. */
  timezone: string;
  sources: SourceOption[];
}

interface Timeseries {
  unit: TrendUnit;
  tz: string;
  buckets: TimeseriesBucket[];
}

/** Hourly buckets for ranges of up to two local days, daily beyond. */
function trendUnit(from: string | undefined, to: string | undefined): TrendUnit {
  if (!from || !to) return "day";
  return new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime() <= 86400_000 ? "hour" : "day";
}

/** A widget's query → skeleton while it loads, its error in plain words, or the widget. */
function Widget<T>({
  q,
  title,
  height,
  className,
  children,
}: {
  q: UseQueryResult<T, ApiRequestError>;
  title?: string;
  height?: number;
  className?: string;
  children: (data: T) => React.ReactNode;
}) {
  const t = useTranslations("errors");
  let body: React.ReactNode;
  if (q.data !== undefined) body = <WidgetBoundary fallback={<WidgetError message={t("widget")} />}>{children(q.data)}</WidgetBoundary>;
  else if (q.error) body = <WidgetError message={t("widget")} />;
  else body = <ChartSkeleton title={title} height={height} />;
  return <div className={className}>{body}</div>;
}

export function OverviewPage({ timezone, sources }: OverviewPageProps) {
  const t = useTranslations();
  const fmt = useFormat();
  const tz = timezone;
  const { filters, params, filtered, badFilters } = useDashboardFilters(tz);
  const unit = trendUnit(filters.from, filters.to);

  const kpis = useApiQuery<Kpis>("/api/v1/stats/kpis", params);
  const trend = useApiQuery<Timeseries>("/api/v1/stats/timeseries", { ...params, unit });
  const ttr = useApiQuery<TtrDistribution & { readWithin: ReadWithinRow[] }>("/api/v1/stats/time-to-read", params);
  const bySource = useApiQuery<{ splits: ApiSplitRow[] }>("/api/v1/stats/splits", { ...params, by: "source" });
  const byClient = useApiQuery<{ splits: ApiSplitRow[] }>("/api/v1/stats/splits", { ...params, by: "clientPlatform" });
  const heatmap = useApiQuery<{ tz: string; cells: HeatCell[] }>("/api/v1/stats/heatmap", params);
  const activity = useApiQuery<{ events: ActivityItem[] }>("/api/v1/activity", params);
  const recent = useApiQuery<{ messages: RecentMessageRow[] }>("/api/v1/messages", { ...params, limit: 10 });

  // A filter change: the previous numbers stay on screen, dimmed, until every widget has the new ones.
  const pending = [kpis, trend, ttr, bySource, byClient, heatmap, activity, recent].some((q) => q.isPlaceholderData);
  const drill = (extra: DrillDownParams) => deliveriesHref({ ...params, ...extra });
  const sourceNames = new Map(sources.map((s) => [s.id, s]));
  // The API reports deliveries without a source (the batch API) as "unknown"; the chart labels "" as such.
  const sourceRows = (rows: ApiSplitRow[]): SplitRow[] =>
    rows.map((r) => {
      const known = sourceNames.get(r.value);
      const key = known || r.value !== "unknown" ? r.value : "";
      return { ...r, key, label: known?.name ?? null, platform: known?.platform ?? null };
    });
  const clientRows = (rows: ApiSplitRow[]): SplitRow[] => rows.map((r) => ({ ...r, key: r.value, label: null, platform: null }));
  const current = kpis.data?.current;
  const range = current?.range;
  const lastInstant = range ? new Date(new Date(range.to).getTime() - 1) : null;
  const messageHref = (id: string) => `/messages/${encodeURIComponent(id)}`;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{t("overview.title")}</h1>
          <LiveBadge />
        </div>
        <p className="min-h-5 text-sm text-muted-foreground" data-testid="overview-range">
          {range && lastInstant && t("overview.subtitle", { from: fmt.day(range.from, tz), to: fmt.day(lastInstant, tz) })}
        </p>
      </div>
      <FilterBar sources={sources} tz={tz} shallow />
      {badFilters && (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {t("overview.badFilters")}
        </p>
      )}
      <div aria-busy={pending} className={cn("flex flex-col gap-5 transition-opacity", pending && "opacity-60")}>
        {pending && (
          <span role="status" className="sr-only">
            {t("filters.updating")}
          </span>
        )}
        {kpis.error && !kpis.data ? (
          <WidgetError message={t("errors.widget")} />
        ) : !kpis.data || !current ? (
          <>
            <KpiGrid>
              {Array.from({ length: 5 }, (_, i) => (
                <KpiCardSkeleton key={i} />
              ))}
            </KpiGrid>
            <div className="grid gap-4 lg:grid-cols-3">
              <ChartSkeleton className="lg:col-span-2" title={t("charts.trend.title")} height={260} />
              <ChartSkeleton title={t("charts.funnel.title")} height={190} />
            </div>
          </>
        ) : current.sent === 0 ? (
          <EmptyState filtered={filtered} />
        ) : (
          <>
            <OverviewKpis current={current} previous={kpis.data.previous} hrefFor={(status) => drill({ status })} />
            <div className="grid gap-4 lg:grid-cols-3">
              <Widget q={trend} title={t("charts.trend.title")} height={260} className="lg:col-span-2">
                {(d) => <ChartAreaTrend data={toTrendInput(d, current.range)} />}
              </Widget>
              <ChartBarFunnel data={current} hrefFor={(status) => drill({ status })} />
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <Widget q={ttr} title={t("charts.readWithin.title")}>
                {(d) => <ChartLineReadWithin rows={d.readWithin} />}
              </Widget>
              <Widget q={ttr} title={t("charts.ttrDistribution.title")}>
                {(d) => (
                  <ChartBarTtrDistribution
                    bins={d.bins}
                    hrefFor={(b) => drill({ status: "read", ttrFrom: b.from > 0 ? b.from : null, ttrTo: b.to })}
                  />
                )}
              </Widget>
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <Widget q={bySource} title={t("charts.split.bySource")} height={140}>
                {(d) => (
                  <ChartBarSplit
                    dimension="source"
                    rows={sourceRows(d.splits)}
                    hrefFor={(key) => (key ? drill({ status: "sent", source: key }) : null)}
                  />
                )}
              </Widget>
              <Widget q={byClient} title={t("charts.split.byClientPlatform")} height={140}>
                {(d) => (
                  <ChartBarSplit
                    dimension="clientPlatform"
                    rows={clientRows(d.splits)}
                    hrefFor={(key) => drill({ status: "sent", clientPlatform: key })}
                  />
                )}
              </Widget>
            </div>
            <Widget q={heatmap} title={t("charts.heatmap.title")} height={180}>
              {(d) => <ChartHeatmapSendHour rows={d.cells} tz={d.tz} />}
            </Widget>
          </>
        )}
        <div className="grid gap-4 lg:grid-cols-3">
          <Widget q={recent} title={t("recent.title")} height={200} className="lg:col-span-2">
            {(d) => <RecentMessages rows={d.messages} tz={tz} messageHref={messageHref} />}
          </Widget>
          <Widget q={activity} title={t("charts.activity.title")} height={200}>
            {(d) => <LiveActivity items={d.events} now={new Date(activity.dataUpdatedAt)} />}
          </Widget>
        </div>
      </div>
    </div>
  );
}

/** GET /api/v1/stats/timeseries → the trend chart's rows (local wall-clock bucket starts). */
function toTrendInput(d: Timeseries, range: { from: string; to: string; tz: string }): TrendInput {
  return {
    unit: d.unit,
    from: range.from,
    to: range.to,
    tz: d.tz,
    // "2026-11-01T00:00:00.000+08:00" → "2026-11-01T00:00": the local start the chart keys buckets by.
    rows: d.buckets.map((b) => ({ local: b.start.slice(0, 16), sent: b.sent, delivered: b.delivered, read: b.read, failed: b.failed })),
  };
}

function EmptyState({ filtered }: { filtered: boolean }) {
  const t = useTranslations("overview.empty");
  const Icon = filtered ? SearchX : Inbox;
  return (
    <section
      data-testid="overview-empty"
      className="flex flex-col items-center gap-2 rounded-lg border border-dashed bg-card px-6 py-12 text-center"
    >
      <Icon className="size-8 text-muted-foreground" aria-hidden />
      <h2 className="text-lg font-semibold">{filtered ? t("filtered") : t("title")}</h2>
      <p className="max-w-lg text-sm text-muted-foreground">{filtered ? t("filteredBody") : t("body")}</p>
      {!filtered && <p className="max-w-lg text-xs text-muted-foreground">{t("demo")}</p>}
    </section>
  );
}
