import { parseAsString, parseAsStringLiteral } from "nuqs/server";
import { MESSAGE_KINDS } from "@/lib/ingest/events";
import type { Filters } from "@/lib/queries/filters";

// The dashboard filters every screen shares, declared once: the client reads and edits them with
// useQueryStates (server-rendered pages may parse them with a nuqs loader), and the same values
// become the read API's parameters and so the query keys (use-dashboard-filters.ts).

export const RANGE_PRESETS = ["today", "7d", "30d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const CLIENT_PLATFORMS = ["ios", "android", "web", "desktop", "unknown"] as const;
export { MESSAGE_KINDS };

export const dashboardFilterParams = {
  range: parseAsStringLiteral(RANGE_PRESETS).withDefault("30d"),
  /** Local days (YYYY-MM-DD) in the workspace time zone, used when range = custom. */
  from: parseAsString,
  to: parseAsString,
  kind: parseAsStringLiteral(MESSAGE_KINDS),
  source: parseAsString,
  clientPlatform: parseAsStringLiteral(CLIENT_PLATFORMS),
};

export interface DashboardFilterValues {
  range: RangePreset;
  from: string | null;
  to: string | null;
  kind: (typeof MESSAGE_KINDS)[number] | null;
  source: string | null;
  clientPlatform: (typeof CLIENT_PLATFORMS)[number] | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date (YYYY-MM-DD) as seen in `tz`. */
export function localToday(tz: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Adds days to a calendar date (no time zone involved: calendar arithmetic in UTC). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The local days a preset covers, both inclusive. */
export function presetDays(
  v: Pick<DashboardFilterValues, "range" | "from" | "to">,
  tz: string,
  now = new Date(),
): { from: string; to: string } {
  const today = localToday(tz, now);
  switch (v.range) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "custom":
      if (v.from && v.to && DAY.test(v.from) && DAY.test(v.to))
        return v.from <= v.to ? { from: v.from, to: v.to } : { from: v.to, to: v.from };
      return { from: addDays(today, -29), to: today };
    default:
      return { from: addDays(today, -29), to: today };
  }
}

/** URL filter values → the query layer's filters (local days in the workspace time zone). */
export function toQueryFilters(v: DashboardFilterValues, tz: string, now = new Date()): Filters {
  const { from, to } = presetDays(v, tz, now);
  return {
    from,
    to,
    kind: v.kind ?? undefined,
    source: v.source ?? undefined,
    clientPlatform: v.clientPlatform ?? undefined,
  };
}
