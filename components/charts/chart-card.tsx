"use client";

import { Info, Table2, ChartLine } from "lucide-react";
import { useTranslations } from "next-intl";
import { Component, useId, useState } from "react";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Skeleton } from "../ui/skeleton";
import { Tooltip } from "../ui/tooltip";

/** A definition behind an (i) button: focusable, so keyboard and screen-reader users get it too. */
export function Definition({ title, children }: { title: string; children: React.ReactNode }) {
  const t = useTranslations("charts");
  return (
    <Tooltip content={children}>
      <button
        type="button"
        className="inline-flex size-5 items-center justify-center rounded-full text-muted-foreground hover:text-foreground"
        aria-label={t("definition", { title })}
      >
        <Info className="size-3.5" aria-hidden />
      </button>
    </Tooltip>
  );
}

/**
 * The frame of every chart: title, description, definition, and a switch to the same data as a
 * table (the accessible fallback; the chart itself is hidden from screen readers, the table is not).
 */
export function ChartCard({
  id,
  title,
  description,
  definition,
  headline,
  table,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  definition?: React.ReactNode;
  /** A line of key numbers above the chart. */
  headline?: React.ReactNode;
  table: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const t = useTranslations("charts");
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId} data-testid={`widget-${id}`} className={cn("flex flex-col", className)}>
      <CardHeader>
        <div className="min-w-0">
          <div className="flex items-center gap-1">
            <CardTitle id={headingId}>{title}</CardTitle>
            {definition && <Definition title={title}>{definition}</Definition>}
          </div>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        <Button
          variant="ghost"
          size="icon"
          className="size-8 shrink-0"
          aria-pressed={asTable}
          aria-label={asTable ? t("showChart") : t("showTable")}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? <ChartLine aria-hidden /> : <Table2 aria-hidden />}
        </Button>
      </CardHeader>
      <CardContent className="flex-1">
        {headline && <div className="mb-3 text-sm">{headline}</div>}
        {asTable ? table : <div aria-hidden>{children}</div>}
        {/* Screen readers always get the table, whichever view is on screen. */}
        {!asTable && <div className="sr-only">{table}</div>}
      </CardContent>
    </Card>
  );
}

export function ChartSkeleton({ title, height = 240, className }: { title?: string; height?: number; className?: string }) {
  return (
    <Card className={cn("p-4", className)} aria-busy="true">
      {title ? <p className="text-sm font-semibold">{title}</p> : <Skeleton className="h-5 w-40" />}
      <Skeleton className="mt-2 h-3 w-56" />
      <Skeleton className="mt-4 w-full" style={{ height }} />
    </Card>
  );
}

/** Keeps one failing widget from blanking the page; says so in plain words. */
export class WidgetBoundary extends Component<{ fallback: React.ReactNode; children: React.ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function WidgetError({ message }: { message: string }) {
  return (
    <Card role="alert" className="grid min-h-40 place-items-center p-6 text-center text-sm text-muted-foreground">
      {message}
    </Card>
  );
}
