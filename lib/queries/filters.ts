import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { MESSAGE_KINDS } from "../ingest/events";
import { bucketStart } from "../ingest/delivery-state";
import { Where } from "./where";
import type { ViewerScope } from "./scope";

// Dashboard filters, shared by the API query strings and the pages' URLs.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// z.iso.date rejects impossible calendar days (2026-02-30) instead of rolling them over.
const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const filtersSchema = z.object({
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
  tz: z.string().refine(isValidTimeZone, "not an IANA time zone").optional(),
  kind: z.enum(MESSAGE_KINDS).optional(),
  campaignId: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  clientPlatform: z.enum(["ios", "android", "web", "desktop", "unknown"]).optional(),
  variant: z.string().min(1).optional(),
  announcementId: z.string().min(1).optional(),
  /** The sending agent / member. */
  senderId: z.string().min(1).optional(),
  /** Messages sent by members of this team. */
  teamId: z.string().min(1).optional(),
});

export type Filters = z.infer<typeof filtersSchema>;

export interface Range {
  from: Date;
  to: Date;
  tz: string;
}

/**
 * Days are local days in `tz` (`to` inclusive); times are instants. Both snap to the 15-minute
 * rollup grid, which every IANA offset is aligned to. Default: the last 30 local days.
 */
export function resolveRange(f: Filters, defaultTz: string, now = new Date()): Range {
  const tz = f.tz ?? defaultTz;
  // Local midnights are built from calendar fields, never by adding days to an instant: on days
  // whose midnight does not exist (DST at 00:00, e.g. America/Santiago) the day starts at 01:00.
  const midnight = (y: number, m: number, d: number) => new TZDate(y, m, d, tz);
  const fields = (s: string) => s.split("-").map(Number) as [number, number, number];
  const local = new TZDate(now, tz);
  const today: [number, number, number] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
  const dayStart = ([y, m, d]: [number, number, number], plus = 0) => midnight(y, m - 1, d + plus);
  const to = f.to ? (DAY.test(f.to) ? dayStart(fields(f.to), 1) : new Date(f.to)) : dayStart(today, 1);
  const from = f.from ? (DAY.test(f.from) ? dayStart(fields(f.from)) : new Date(f.from)) : dayStart(today, -29);
  return { from: bucketStart(new Date(from.getTime())), to: bucketStart(new Date(to.getTime() + 15 * 60_000 - 1)), tz };
}

/**
 * Failed deliveries (alias with its dot, or ''). `failed_at IS NOT NULL` is the predicate of the
 * partial indexes of failed deliveries, which the planner must see to use them; a delivery that
 * failed and then arrived keeps failed_at, so the status is tested too.
 */
export const failedSql = (alias = "") => `${alias}failed_at IS NOT NULL AND ${alias}status = 'failed'`;

/** WHERE clause over a rollup table ('' stands for "none" there). */
export function rollupWhere(scope: ViewerScope, f: Filters, range: Range | null, alias = ""): Where {
  const w = dimensionWhere(new Where(scope, alias), f, range, "bucket_start", (c) => c);
  // Stated explicitly so the planner may use the partial campaign indexes of the rollups.
  if (f.campaignId) w.add(`${w.col("campaign_id")} <> ''`);
  return w;
}

/** The same filters over `deliveries` (NULL stands for "none" there; cohorts by send time). */
export function deliveryWhere(scope: ViewerScope, f: Filters, range: Range | null, alias = ""): Where {
  return dimensionWhere(new Where(scope, alias), f, range, "cohort_at", (c) => `COALESCE(${c}, '')`);
}

function dimensionWhere(w: Where, f: Filters, range: Range | null, timeColumn: string, orNone: (col: string) => string): Where {
  if (range) {
    w.add(`${w.col(timeColumn)} >= ?::timestamptz`, range.from.toISOString());
    w.add(`${w.col(timeColumn)} < ?::timestamptz`, range.to.toISOString());
  }
  w.eq("kind", f.kind, "::text");
  w.eq("campaign_id", f.campaignId);
  w.eq("variant", f.variant);
  w.eq("announcement_id", f.announcementId);
  w.eq("source_id", f.source);
  w.eq("sender_id", f.senderId);
  if (f.teamId)
    w.add(`${w.col("sender_id")} IN (SELECT member_id FROM team_members WHERE workspace_id = ? AND team_id = ?)`, w.params[0], f.teamId);
  // "unknown" is both "not reported" and "reported, but not one we recognise".
  if (f.clientPlatform === "unknown") w.add(`${orNone(w.col("client_platform"))} IN ('', 'unknown')`);
  else w.eq("client_platform", f.clientPlatform);
  return w;
}
