"use client";

import { useTranslations } from "next-intl";
import { useQueryState } from "nuqs";
import { Label } from "../ui/input";
import { OVERDUE_HOURS_OPTIONS, overdueHoursParam } from "./overdue-hours";

/** Picks after how many hours members of an announcement without a due time count as overdue. */
export function OverdueHoursSelect() {
  const t = useTranslations("announcements");
  const [hours, setHours] = useQueryState("hours", overdueHoursParam);
  const options: number[] = OVERDUE_HOURS_OPTIONS.includes(hours as 24) ? [...OVERDUE_HOURS_OPTIONS] : [...OVERDUE_HOURS_OPTIONS, hours];
  return (
    <Label className="flex items-center gap-2 font-normal">
      {t("overdueAfter")}
      <select
        className="h-8 rounded-md border border-input bg-card px-2 text-sm"
        value={hours}
        onChange={(e) => void setHours(Number(e.target.value))}
      >
        {options.map((h) => (
          <option key={h} value={h}>
            {t("hoursOption", { hours: h })}
          </option>
        ))}
      </select>
    </Label>
  );
}
