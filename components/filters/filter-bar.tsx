"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useId, type TransitionStartFunction } from "react";
import { Button } from "../ui/button";
import { Select } from "../ui/select";
import { DateRangePicker } from "./date-range-picker";
import { CLIENT_PLATFORMS, dashboardFilterParams, MESSAGE_KINDS, presetDays } from "./filter-params";

const ALL = "all";

export interface SourceOption {
  id: string;
  name: string;
}

/**
 * Date range and the kind / IM platform / client platform filters, all in the URL. On a
 * server-rendered page a change re-renders it inside `startTransition`, so the old numbers stay
 * until the new ones are ready (the page dims meanwhile). A page whose data is read on the client
 * (useApiQuery keyed by these values) passes `shallow`: only the URL changes, nothing round-trips.
 */
export function FilterBar({
  sources,
  tz,
  startTransition,
  shallow = false,
}: {
  sources: SourceOption[];
  tz: string;
  startTransition?: TransitionStartFunction;
  shallow?: boolean;
}) {
  const t = useTranslations();
  const [f, setF] = useQueryStates(dashboardFilterParams, { shallow, startTransition, history: "push" });
  const ids = { kind: useId(), source: useId(), client: useId() };
  const days = presetDays(f, tz);
  const filtered = f.kind !== null || f.source !== null || f.clientPlatform !== null || f.range !== "30d";
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
      <DateRangePicker value={f} days={days} onChange={(v) => setF(v)} />
      {field(
        ids.kind,
        t("filters.kind"),
        <Select
          id={ids.kind}
          value={f.kind ?? ALL}
          onValueChange={(v) => setF({ kind: v === ALL ? null : (v as (typeof MESSAGE_KINDS)[number]) })}
          options={[{ value: ALL, label: t("filters.all") }, ...MESSAGE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))]}
        />,
      )}
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
      {filtered && (
        <Button variant="ghost" onClick={() => setF({ range: null, from: null, to: null, kind: null, source: null, clientPlatform: null })}>
          <RotateCcw aria-hidden />
          {t("filters.reset")}
        </Button>
      )}
    </div>
  );
}
