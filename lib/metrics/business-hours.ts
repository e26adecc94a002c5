import { TZDate } from "@date-fns/tz";
import { z } from "zod";

// Business-hours durations: only the time inside the workspace's opening hours counts, so a
// question asked on Friday evening and answered Monday at 9:05 took 5 minutes, not 63 hours.

export const businessHoursSchema = z.object({
  /** ISO weekdays open: 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const hm = (s: string) => s.split(":").map(Number) as [number, number];

/** Seconds of [from, to) that fall inside business hours in `tz` (DST-correct: built from local fields). */
export function businessSeconds(from: Date, to: Date, bh: BusinessHours, tz: string): number {
  if (to <= from) return 0;
  const [sh, sm] = hm(bh.start);
  const [eh, em] = hm(bh.end);
  const open = new Set(bh.days);
  const first = new TZDate(from.getTime(), tz);
  let total = 0;
  // Walk local calendar days; 400 days bounds the work for pathological inputs.
  for (let i = 0; i < 400; i++) {
    const day = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + i, tz);
    if (day.getTime() >= to.getTime()) break;
    const isoDow = day.getDay() === 0 ? 7 : day.getDay();
    if (!open.has(isoDow)) continue;
    const s = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), sh, sm, tz).getTime();
    const e = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), eh, em, tz).getTime();
    const overlap = Math.min(e, to.getTime()) - Math.max(s, from.getTime());
    if (overlap > 0) total += overlap;
  }
  return total / 1000;
}
