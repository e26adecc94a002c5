import { TZDate } from "@date-fns/tz";
import { isoInTz } from "../serialize";

// Local hour and day buckets over the 15-minute UTC rollup grid. Every IANA offset is a multiple
// of 15 minutes, so each rollup bucket lies inside exactly one local hour and one local day.
// Hours are keyed by their starting instant (never by local wall time, which repeats when clocks
// go back); days by their local date, whose start is that date's first instant.

export type Unit = "hour" | "day";

/** SQL key of the local bucket of a timestamptz expression; `$tz` is the parameter holding the zone. */
export function localBucketSql(unit: Unit, col: string, tz: string): string {
  return unit === "day"
    ? `to_char((${col} AT TIME ZONE ${tz}), 'YYYY-MM-DD')`
    : // the instant minus the local minutes past the hour: the hour's start, offset included
      `to_char((${col} - make_interval(mins => extract(minute FROM (${col} AT TIME ZONE ${tz}))::int)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

const QUARTER = 15 * 60_000;

/** The same key computed in JS, for one instant on the 15-minute grid. */
export function localBucketKey(unit: Unit, at: Date, tz: string): string {
  const local = new TZDate(at.getTime(), tz);
  if (unit === "day") {
    const m = String(local.getMonth() + 1).padStart(2, "0");
    const d = String(local.getDate()).padStart(2, "0");
    return `${local.getFullYear()}-${m}-${d}`;
  }
  return new Date(at.getTime() - local.getMinutes() * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Start instant of a bucket key. */
export function bucketStartOf(unit: Unit, key: string, tz: string): Date {
  if (unit === "hour") return new Date(key);
  const [y, m, d] = key.split("-").map(Number);
  // Built from calendar fields: on a day whose midnight does not exist the day starts at 01:00.
  return new Date(new TZDate(y, m - 1, d, tz).getTime());
}

/** Every bucket the range touches, in order, with its local start as ISO with offset. */
export function bucketGrid(unit: Unit, from: Date, to: Date, tz: string): { key: string; start: string; end: Date }[] {
  const keys: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += QUARTER) {
    const k = localBucketKey(unit, new Date(t), tz);
    if (keys[keys.length - 1] !== k) keys.push(k);
  }
  return keys.map((key, i) => {
    const start = bucketStartOf(unit, key, tz);
    const end = i + 1 < keys.length ? bucketStartOf(unit, keys[i + 1], tz) : to;
    return { key, start: isoInTz(start, tz)!, end };
  });
}
