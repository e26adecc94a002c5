// Number, percentage, duration and date formatting for every screen, per locale (Intl does the
// language work: 1,234 vs 1,234; "4.2 min" vs "4.2分钟").

export function formatCount(n: number, locale = "en"): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatCompact(n: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

export function formatRate(r: number | null, locale = "en"): string {
  return r === null
    ? "—"
    : new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r);
}

/** A signed change: relative (+12.5%) or in percentage points (+2.1 pp). */
export function formatChange(value: number, mode: "relative" | "points", locale = "en", pointsUnit = "pp"): string {
  if (mode === "relative") {
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
  }
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value * 100);
  return `${n} ${pointsUnit}`;
}

const DURATION_UNITS = [
  { unit: "day", seconds: 86400 },
  { unit: "hour", seconds: 3600 },
  { unit: "minute", seconds: 60 },
] as const;

/** Seconds as the largest sensible unit: 45 sec, 4.2 min, 1.5 hr, 2 days. */
export function formatDuration(seconds: number | null, locale = "en"): string {
  if (seconds === null) return "—";
  for (const { unit, seconds: size } of DURATION_UNITS) {
    if (seconds >= size) {
      return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(seconds / size);
    }
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 0 }).format(seconds);
}

export function formatTime(d: Date | string | null, tz: string, locale = "en-GB"): string {
  if (!d) return "—";
  return new Intl.DateTimeFormat(locale, { timeZone: tz, dateStyle: "medium", timeStyle: "short" }).format(new Date(d));
}

export function formatDay(d: Date | string, tz: string, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, { timeZone: tz, month: "short", day: "numeric" }).format(new Date(d));
}

/** "3 min ago" / "3分钟前". */
export function formatRelative(d: Date | string, now: Date, locale = "en"): string {
  const diff = (new Date(d).getTime() - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), "second");
  if (abs < 3600) return rtf.format(Math.round(diff / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), "hour");
  return rtf.format(Math.round(diff / 86400), "day");
}
