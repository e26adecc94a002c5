"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useId } from "react";
import { DateRangePicker } from "../filters/date-range-picker";
import { CLIENT_PLATFORMS, presetDays } from "../filters/filter-params";
import type { SourceOption } from "../filters/filter-bar";
import { Button } from "../ui/button";
import { Select } from "../ui/select";
import { CAMPAIGN_RANGE_PRESETS, campaignFilterParams, isFiltered } from "./campaign-params";

const ALL = "all";

/**
 * Date range (with "all time"), IM platform and client platform of the Campaigns screens, in the
 * URL. Data comes from useApiQuery keyed by these values, so a change refetches without a server
 * round trip and the previous numbers stay on screen until the new ones arrive.
 */
export function CampaignFilterBar({ sources, tz, children }: { sources: SourceOption[]; tz: string; children?: React.ReactNode }) {
  const t = useTranslations();
  const [f, setF] = useQueryStates(campaignFilterParams, { history: "push" });
  const ids = { source: useId(), client: useId() };
  const days = presetDays({ range: f.range === "all" ? "30d" : f.range, from: f.from, to: f.to }, tz);
  const field = (id: string, label: string, control: React.ReactNode) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </label>
      {control}
    </div>
  );
  return (
    <div role="search" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3">
      <DateRangePicker value={f} days={days} presets={CAMPAIGN_RANGE_PRESETS} onChange={(v) => setF(v)} />
      {children}
      {field(
        ids.source,
        t("filters.source"),
        <Select
          id={ids.source}
          value={f.source ?? ALL}
          onValueChange={(v) => setF({ source: v === ALL ? null : v })}
          options={[{ value: ALL, label: t("filters.all") }, ...sources.map((s) => ({ value: s.id, label: s.name }))]}
        />,
      )}
      {field(
        ids.client,
        t("filters.clientPlatform"),
        <Select
          id={ids.client}
          value={f.clientPlatform ?? ALL}
          onValueChange={(v) => setF({ clientPlatform: v === ALL ? null : (v as (typeof CLIENT_PLATFORMS)[number]) })}
          options={[
            { value: ALL, label: t("filters.all") },
            ...CLIENT_PLATFORMS.map((p) => ({ value: p, label: t(`clientPlatforms.${p}`) })),
          ]}
        />,
      )}
      {isFiltered(f) && (
        <Button variant="ghost" onClick={() => setF({ range: null, from: null, to: null, source: null, clientPlatform: null })}>
          <RotateCcw aria-hidden />
          {t("filters.reset")}
        </Button>
      )}
    </div>
  );
}
