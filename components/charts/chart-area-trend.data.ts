import { addDays } from "../filters/filter-params";

export type TrendUnit = "hour" | "day";

/** One bucket from the query: `local` is the bucket's local start, "YYYY-MM-DDTHH:MM". */
export interface TrendRow {
  local: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface TrendPoint extends TrendRow {
  readRate: number | null;
}

function localParts(tz: string) {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (d: Date) => {
    const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
    return { day: `${p.year}-${p.month}-${p.day}`, hour: p.hour };
  };
}

/**
 * Every bucket of the range in the workspace's local time, so empty hours and days show as zero
 * instead of being skipped. Hours are found by walking the 15-minute grid and reading the local
 * clock, which stays right on DST days (23 or 25 hours) and in +05:30 / +05:45 zones.
 */
export function trendBuckets(unit: TrendUnit, from: Date, to: Date, tz: string): string[] {
  const local = localParts(tz);
  if (unit === "day") {
    const first = local(from).day;
    const last = local(new Date(to.getTime() - 1)).day;
    const days: string[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) days.push(`${d}T00:00`);
    return days;
  }
  const hours: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 15 * 60_000) {
    const p = local(new Date(t));
    const label = `${p.day}T${p.hour}:00`;
    if (hours[hours.length - 1] !== label && !hours.includes(label)) hours.push(label);
  }
  return hours;
}

export function toTrendPoints(rows: TrendRow[], range: { unit: TrendUnit; from: string; to: string; tz: string }): TrendPoint[] {
  const byLocal = new Map(rows.map((r) => [r.local, r]));
  return trendBuckets(range.unit, new Date(range.from), new Date(range.to), range.tz).map((local) => {
    const r = byLocal.get(local) ?? { local, sent: 0, delivered: 0, read: 0, failed: 0 };
    return { ...r, local, readRate: r.delivered > 0 ? r.read / r.delivered : null };
  });
}
