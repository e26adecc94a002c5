"use client";

import { LifeBuoy, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { ToggleGroup } from "radix-ui";
import { ChartBarResponseTimes, type TimeSummaryRow } from "@/components/charts/chart-bar-response-times";
import type { ResponseBin } from "@/components/charts/chart-bar-response-times.data";
import { ChartSkeleton, Definition } from "@/components/charts/chart-card";
import { DateRangePicker } from "@/components/filters/date-range-picker";
import { presetDays } from "@/components/filters/filter-params";
import { useFormat } from "@/components/i18n/use-format";
import { AgentTable, type AgentRow } from "@/components/support/agent-table";
import { FollowUpList, type FollowUpRow } from "@/components/support/follow-up-list";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { apiUrl } from "@/lib/ui/api-client";
import { useApiQuery } from "@/lib/ui/use-api-query";
import { FOLLOW_UP_HOURS, supportSearchParams } from "./search-params";

interface ResponseTimesJson {
  basis: "calendar" | "business";
  businessHours: { days: number[]; start: string; end: string } | null;
  tz: string;
  firstResponse: TimeSummaryRow;
  reply: TimeSummaryRow;
  distribution: ResponseBin[];
  perAgent: AgentRow[];
}
interface FollowUpsJson {
  hours: number;
  followUps: FollowUpRow[];
  nextCursor: string | null;
}

const FOLLOW_UP_PAGE = 100;

export function SupportPage({ tz, defaultHours, ownOnly }: { tz: string; defaultHours: number; ownOnly: boolean }) {
  const t = useTranslations("support");
  const fmt = useFormat();
  const [f, setF] = useQueryStates(supportSearchParams, { history: "push" });
  const days = presetDays(f, tz);
  const hours = f.hours !== null && f.hours > 0 ? f.hours : defaultHours;
  const timesParams = { from: days.from, to: days.to, agentId: f.agentId, basis: f.basis, sort: f.sort, order: f.order };
  const followParams = { hours, agentId: f.agentId };
  const times = useApiQuery<ResponseTimesJson>("/api/v1/support/response-times", timesParams);
  const follow = useApiQuery<FollowUpsJson>("/api/v1/support/follow-ups", { ...followParams, limit: FOLLOW_UP_PAGE });
  const data = times.data;
  const lastDay = days.to;
  const basisNote = data ? (data.basis === "business" ? t("basis.businessNote") : t("basis.calendarNote")) : "";
  const empty = data && data.firstResponse.count === 0 && data.reply.count === 0 && data.perAgent.length === 0;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground" data-testid="support-range">
          {t("subtitle", { from: days.from, to: lastDay, tz })}
          {ownOnly && ` · ${t("ownOnly")}`}
        </p>
      </div>
      <div role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
        <DateRangePicker value={f} days={days} onChange={(v) => setF(v)} />
        {f.agentId !== null && (
          <Button variant="secondary" onClick={() => setF({ agentId: null })} data-testid="agent-filter">
            {t("agentFilter", { agent: f.agentId })}
            <X aria-hidden />
            <span className="sr-only">{t("clearAgent")}</span>
          </Button>
        )}
        {data && <BasisSwitch data={data} value={data.basis} onChange={(basis) => setF({ basis })} />}
      </div>
      {times.error && (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {times.error.message}
        </p>
      )}
      <div aria-busy={times.isFetching} className={cn("flex flex-col gap-5 transition-opacity", times.isPlaceholderData && "opacity-60")}>
        {!data ? (
          !times.error && (
            <div className="grid gap-4 lg:grid-cols-2">
              <ChartSkeleton title={t("charts.firstResponse.title")} height={220} />
              <ChartSkeleton title={t("charts.reply.title")} height={220} />
            </div>
          )
        ) : empty ? (
          <section
            data-testid="support-empty"
            className="flex flex-col items-center gap-2 rounded-lg border border-dashed bg-card px-6 py-10 text-center"
          >
            <LifeBuoy className="size-8 text-muted-foreground" aria-hidden />
            <h2 className="text-lg font-semibold">{t("empty.title")}</h2>
            <p className="max-w-xl text-sm text-muted-foreground">{f.agentId ? t("empty.agent") : t("empty.body")}</p>
          </section>
        ) : (
          <>
            <div className="grid gap-4 lg:grid-cols-2">
              <ChartBarResponseTimes metric="firstResponse" bins={data.distribution} summary={data.firstResponse} basisNote={basisNote} />
              <ChartBarResponseTimes metric="reply" bins={data.distribution} summary={data.reply} basisNote={basisNote} />
            </div>
            <AgentTable
              rows={data.perAgent}
              order={{ sort: f.sort, order: f.order }}
              onOrder={(o) => setF(o)}
              onAgent={(agentId) => setF({ agentId })}
              range={days}
              csvHref={apiUrl("/api/v1/support/response-times", { ...timesParams, format: "csv" })}
            />
          </>
        )}
      </div>
      <FollowUpList
        hours={hours}
        choices={FOLLOW_UP_HOURS}
        onHours={(h) => setF({ hours: h })}
        rows={follow.data?.followUps}
        more={Boolean(follow.data?.nextCursor)}
        loading={follow.isPending}
        error={follow.error?.message ?? null}
        tz={tz}
        csvHref={apiUrl("/api/v1/support/follow-ups", { ...followParams, format: "csv" })}
      />
      <p className="text-xs text-muted-foreground">{t("followUpsNote", { hours: fmt.count(defaultHours) })}</p>
    </div>
  );
}

/** Business hours vs calendar time, offered only when the workspace defines opening hours; says what they are. */
function BasisSwitch({
  data,
  value,
  onChange,
}: {
  data: ResponseTimesJson;
  value: "calendar" | "business";
  onChange: (v: "calendar" | "business") => void;
}) {
  const t = useTranslations("support.basis");
  const bh = data.businessHours;
  if (!bh)
    return (
      <p className="flex items-center gap-1 text-xs text-muted-foreground" data-testid="business-hours-none">
        {t("notConfigured")}
        <Definition title={t("label")}>{t("notConfiguredHelp")}</Definition>
      </p>
    );
  const days = describeDays(bh.days, t);
  const hours = t("hours", { days, start: bh.start, end: bh.end, tz: data.tz });
  return (
    <div className="flex items-center gap-1" data-testid="business-hours">
      <ToggleGroup.Root
        type="single"
        value={value}
        onValueChange={(v) => v && onChange(v as "calendar" | "business")}
        className="inline-flex h-9 items-center rounded-md border border-input bg-card p-0.5"
        aria-label={t("label")}
      >
        {(["business", "calendar"] as const).map((b) => (
          <ToggleGroup.Item
            key={b}
            value={b}
            className="h-full rounded-[5px] px-3 text-sm text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring data-[state=on]:bg-primary data-[state=on]:text-primary-foreground"
          >
            {t(b)}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
      <Definition title={t("label")}>
        {hours} {t("meaning")}
      </Definition>
      <span className="text-xs text-muted-foreground">{hours}</span>
    </div>
  );
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** ISO weekdays (1 = Monday) as "Mon–Fri" or "Mon, Wed, Sat". */
function describeDays(days: number[], t: ReturnType<typeof useTranslations<"support.basis">>): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const name = (d: number) => t(`days.${WEEKDAYS[d - 1]}`);
  const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (sorted.length >= 3 && consecutive) return `${name(sorted[0])}–${name(sorted[sorted.length - 1])}`;
  return sorted.map(name).join(", ");
}
