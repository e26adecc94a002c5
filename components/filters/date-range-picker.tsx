"use client";

import { CalendarDays } from "lucide-react";
import { useTranslations } from "next-intl";
import { ToggleGroup } from "radix-ui";
import { useId, useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "../ui/popover";
import type { RangePreset } from "./filter-params";

export interface DateRangeValue<R extends string = RangePreset> {
  range: R;
  from: string | null;
  to: string | null;
}

const PRESETS = ["today", "7d", "30d"] as const;

/**
 * Presets as a segmented control (arrow keys move between them) plus a custom range of two
 * native date inputs in a popover. `days` is the resolved range, shown on the custom button.
 * Screens with other presets (Campaigns adds "all time") pass their own, each a `filters` message key.
 */
export function DateRangePicker<R extends string = RangePreset>({
  value,
  days,
  onChange,
  presets = PRESETS as unknown as readonly R[],
}: {
  value: DateRangeValue<R>;
  days: { from: string; to: string };
  onChange: (next: DateRangeValue<R>) => void;
  presets?: readonly R[];
}) {
  const t = useTranslations("filters");
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(days.from);
  const [to, setTo] = useState(days.to);
  const fromId = useId();
  const toId = useId();
  const custom = value.range === "custom";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("range")}>
      <ToggleGroup.Root
        type="single"
        value={custom ? "" : value.range}
        onValueChange={(v) => v && onChange({ range: v as R, from: null, to: null })}
        className="inline-flex h-9 items-center rounded-md border border-input bg-card p-0.5"
        aria-label={t("range")}
      >
        {presets.map((p) => (
          <ToggleGroup.Item
            key={p}
            value={p}
            className="h-full rounded-[5px] px-3 text-sm text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring data-[state=on]:bg-primary data-[state=on]:text-primary-foreground"
          >
            {t(p as "today")}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
      <Popover
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) {
            setFrom(days.from);
            setTo(days.to);
          }
        }}
      >
        <PopoverTrigger asChild>
          <Button variant="outline" className={cn(custom && "border-primary text-primary")} aria-pressed={custom}>
            <CalendarDays aria-hidden />
            {custom ? `${days.from} – ${days.to}` : t("custom")}
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label={t("custom")}>
          <form
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (from && to) {
                onChange({ range: "custom" as R, from: from <= to ? from : to, to: from <= to ? to : from });
                setOpen(false);
              }
            }}
          >
            <div className="flex gap-3">
              <label htmlFor={fromId} className="flex flex-col gap-1 text-xs text-muted-foreground">
                {t("from")}
                <input
                  id={fromId}
                  type="date"
                  required
                  value={from}
                  max={to}
                  onChange={(e) => setFrom(e.target.value)}
                  className="h-9 rounded-md border border-input bg-card px-2 text-sm text-foreground"
                />
              </label>
              <label htmlFor={toId} className="flex flex-col gap-1 text-xs text-muted-foreground">
                {t("to")}
                <input
                  id={toId}
                  type="date"
                  required
                  value={to}
                  min={from}
                  onChange={(e) => setTo(e.target.value)}
                  className="h-9 rounded-md border border-input bg-card px-2 text-sm text-foreground"
                />
              </label>
            </div>
            <Button type="submit" size="sm" className="self-end">
              {t("apply")}
            </Button>
          </form>
        </PopoverContent>
      </Popover>
    </div>
  );
}
