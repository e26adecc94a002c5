import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";

/** ISO-8601 with the offset of `tz` (api.md: every time in JSON carries its offset). */
export function isoInTz(d: Date | null | undefined, tz = "UTC"): string | null {
  if (!d) return null;
  const t = new TZDate(d.getTime(), tz);
  const ms = String(d.getUTCMilliseconds()).padStart(3, "0");
  // formatISO has no milliseconds; splice them in before the offset.
  return formatISO(t).replace(/(T\d{2}:\d{2}:\d{2})/, `$1.${ms}`);
}
