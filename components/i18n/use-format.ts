"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import * as f from "../format";

/** The shared formatters bound to the current locale. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      count: (n: number) => f.formatCount(n, locale),
      compact: (n: number) => f.formatCompact(n, locale),
      rate: (r: number | null) => f.formatRate(r, locale),
      duration: (s: number | null) => f.formatDuration(s, locale),
      change: (v: number, mode: "relative" | "points", pointsUnit?: string) => f.formatChange(v, mode, locale, pointsUnit),
      dateTime: (d: Date | string | null, tz: string) => f.formatTime(d, tz, locale),
      day: (d: Date | string, tz: string) => f.formatDay(d, tz, locale),
      relative: (d: Date | string, now: Date) => f.formatRelative(d, now, locale),
    }),
    [locale],
  );
}
