"use client";

import { Inbox, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { Suspense, use, useTransition } from "react";
import { ChartAreaTrend, type TrendInput } from "@/components/charts/chart-area-trend";
import { ChartBarFunnel } from "@/components/charts/chart-bar-funnel";
import { ChartBarSplit } from "@/components/charts/chart-bar-split";
import { ChartBarTtrDistribution } from "@/components/charts/chart-bar-ttr-distribution";
import type { TtrBinRow } from "@/components/charts/chart-bar-ttr-distribution.data";
import { ChartSkeleton, WidgetBoundary, WidgetError } from "@/components/charts/chart-card";
import { ChartHeatmapSendHour } from "@/components/charts/chart-heatmap-send-hour";
import type { HeatmapRow } from "@/components/charts/chart-heatmap-send-hour.data";
import { ChartLineReadWithin } from "@/components/charts/chart-line-read-within";
import type { ReadWithinRow } from "@/components/charts/chart-line-read-within.data";
import type { SplitRow } from "@/components/charts/chart-bar-split.data";
import { FilterBar, type SourceOption } from "@/components/filters/filter-bar";
import { useFormat } from "@/components/i18n/use-format";
import { LiveActivity, type ActivityItem } from "@/components/live-activity";
import { OverviewKpis } from "@/components/overview/overview-kpis";
import { RecentMessages, type RecentMessageRow } from "@/components/recent-messages";
import { cn } from "@/components/ui/cn";
import type { Overview } from "@/lib/queries/get-overview";

/**
 * What the Overview shows. KPIs arrive resolved (they decide between the dashboard and the empty
 * state); every other widget arrives as a promise and streams in behind its own skeleton. When the
 * stats endpoints land, each promise becomes a `use<Thing>Query(filters)` hook with the same data.
 */
export interface OverviewData {
  kpis: { current: Overview; previous: Overview };
  trend: Promise<TrendInput>;
  ttrBins: Promise<TtrBinRow[]>;
  readWithin: Promise<ReadWithinRow[]>;
  splits: Promise<{ bySource: SplitRow[]; byClientPlatform: SplitRow[] }>;
  heatmap: Promise<HeatmapRow[]>;
  activity: Promise<ActivityItem[]>;
  recent: Promise<RecentMessageRow[]>;
}

export interface OverviewPageProps {
  /** The signed-in user's workspace time zone: every date on the page is in it. */
  timezone: string;
  filtered: boolean;
  badFilters: boolean;
  sources: SourceOption[];
  now: string;
  data: OverviewData;
}

function Widget({
  title,
  height,
  children,
  className,
}: {
  title?: string;
  height?: number;
  children: React.ReactNode;
  className?: string;
}) {
  const t = useTranslations("errors");
  return (
    <div className={className}>
      <WidgetBoundary fallback={<WidgetError message={t("widget")} />}>
        <Suspense fallback={<ChartSkeleton title={title} height={height} />}>{children}</Suspense>
      </WidgetBoundary>
    </div>
  );
}

const Trend = ({ p }: { p: Promise<TrendInput> }) => <ChartAreaTrend data={use(p)} />;
const TtrBins = ({ p }: { p: Promise<TtrBinRow[]> }) => <ChartBarTtrDistribution bins={use(p)} />;
const ReadWithin = ({ p }: { p: Promise<ReadWithinRow[]> }) => <ChartLineReadWithin rows={use(p)} />;
const Split = ({ p, dimension }: { p: OverviewData["splits"]; dimension: "source" | "clientPlatform" }) => {
  const s = use(p);
  return <ChartBarSplit dimension={dimension} rows={dimension === "source" ? s.bySource : s.byClientPlatform} />;
};
const Heatmap = ({ p, tz }: { p: Promise<HeatmapRow[]>; tz: string }) => <ChartHeatmapSendHour rows={use(p)} tz={tz} />;
const Activity = ({ p, now }: { p: Promise<ActivityItem[]>; now: string }) => <LiveActivity items={use(p)} now={new Date(now)} />;
const Recent = ({ p, tz, href }: { p: Promise<RecentMessageRow[]>; tz: string; href: (id: string) => string }) => (
  <RecentMessages rows={use(p)} tz={tz} messageHref={href} />
);

export function OverviewPage({ timezone, filtered, badFilters, sources, now, data }: OverviewPageProps) {
  const t = useTranslations();
  const fmt = useFormat();
  const [pending, startTransition] = useTransition();
  const tz = timezone;
  const { current } = data.kpis;
  const messageHref = (id: string) => `/messages/${encodeURIComponent(id)}`;
  const lastInstant = new Date(new Date(current.range.to).getTime() - 1);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("overview.title")}</h1>
        <p className="text-sm text-muted-foreground" data-testid="overview-range">
          {t("overview.subtitle", { from: fmt.day(current.range.from, tz), to: fmt.day(lastInstant, tz) })}
        </p>
      </div>
      <FilterBar sources={sources} tz={tz} startTransition={startTransition} />
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
        {current.sent === 0 ? (
          <EmptyState filtered={filtered} />
        ) : (
          <>
            <OverviewKpis current={current} previous={data.kpis.previous} />
            <div className="grid gap-4 lg:grid-cols-3">
              <Widget title={t("charts.trend.title")} height={260} className="lg:col-span-2">
                <Trend p={data.trend} />
              </Widget>
              <ChartBarFunnel data={current} />
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <Widget title={t("charts.readWithin.title")}>
                <ReadWithin p={data.readWithin} />
              </Widget>
              <Widget title={t("charts.ttrDistribution.title")}>
                <TtrBins p={data.ttrBins} />
              </Widget>
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <Widget title={t("charts.split.bySource")} height={140}>
                <Split p={data.splits} dimension="source" />
              </Widget>
              <Widget title={t("charts.split.byClientPlatform")} height={140}>
                <Split p={data.splits} dimension="clientPlatform" />
              </Widget>
            </div>
            <Widget title={t("charts.heatmap.title")} height={180}>
              <Heatmap p={data.heatmap} tz={tz} />
            </Widget>
          </>
        )}
        <div className="grid gap-4 lg:grid-cols-3">
          <Widget title={t("recent.title")} height={200} className="lg:col-span-2">
            <Recent p={data.recent} tz={tz} href={messageHref} />
          </Widget>
          <Widget title={t("charts.activity.title")} height={200}>
            <Activity p={data.activity} now={now} />
          </Widget>
        </div>
      </div>
    </div>
  );
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
