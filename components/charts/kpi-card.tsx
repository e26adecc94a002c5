"use client";

import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { CountLink } from "../count-link";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { Skeleton } from "../ui/skeleton";
import { Definition } from "./chart-card";
import type { KpiChange } from "./kpi-change";

/**
 * One headline number with its change vs the previous period. `changeText` is the formatted change
 * sentence (or why there is none); the arrow's colour says whether the change is good news.
 */
export function KpiCard({
  id,
  label,
  value,
  valueHref,
  valueLabel,
  definition,
  change,
  changeText,
  hint,
  badge,
}: {
  id: string;
  label: string;
  value: string;
  /** When the value is a count: the deliveries behind it (drill-down). */
  valueHref?: string;
  valueLabel?: string;
  definition?: React.ReactNode;
  change: KpiChange;
  changeText: string;
  hint?: React.ReactNode;
  badge?: string;
}) {
  const Arrow = change.direction === "up" ? ArrowUpRight : change.direction === "down" ? ArrowDownRight : Minus;
  return (
    <Card className="p-4" data-testid={`kpi-${id}`}>
      <div className="flex items-center gap-1 text-xs text-muted-foreground">
        <span>{label}</span>
        {definition && <Definition title={label}>{definition}</Definition>}
        {badge && <span className="ml-auto rounded-full border px-1.5 py-px text-[10px] uppercase tracking-wide">{badge}</span>}
      </div>
      <div className="mt-1 text-2xl font-semibold tabular-nums tracking-tight">
        <CountLink href={valueHref} label={valueLabel} testId={valueHref ? `kpi-${id}-link` : undefined}>
          {value}
        </CountLink>
      </div>
      <div
        className={cn(
          "mt-1 flex items-center gap-1 text-xs",
          change.tone === "good" ? "text-success" : change.tone === "bad" ? "text-destructive" : "text-muted-foreground",
        )}
      >
        <Arrow className="size-3.5 shrink-0" aria-hidden />
        <span>{changeText}</span>
      </div>
      {hint && <div className="mt-0.5 truncate text-xs text-muted-foreground">{hint}</div>}
    </Card>
  );
}

export function KpiCardSkeleton() {
  return (
    <Card className="p-4" aria-busy="true">
      <Skeleton className="h-3 w-24" />
      <Skeleton className="mt-2 h-7 w-20" />
      <Skeleton className="mt-2 h-3 w-32" />
    </Card>
  );
}

export function KpiGrid({ children }: { children: React.ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">{children}</div>;
}
