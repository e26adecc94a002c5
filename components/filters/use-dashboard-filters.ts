"use client";

import { useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { filtersSchema, type Filters } from "@/lib/queries/filters";
import { dashboardFilterParams, toQueryFilters, type DashboardFilterValues } from "./filter-params";

/**
 * The dashboard filters of the URL as read-API parameters (local days plus the workspace zone),
 * for `useApiQuery` and for drill-down links. Values the URL parsers do not know (kind=bogus) and
 * impossible days (2026-02-30) are flagged as `badFilters` and the last 30 days are shown instead,
 * so the page says so rather than silently showing something else.
 */
export function useDashboardFilters(tz: string): {
  values: DashboardFilterValues;
  filters: Filters;
  params: Filters & { tz: string };
  filtered: boolean;
  badFilters: boolean;
} {
  const [values] = useQueryStates(dashboardFilterParams);
  const raw = useSearchParams();
  const unknown = (["kind", "clientPlatform"] as const).some((k) => {
    const v = raw.get(k);
    return v !== null && v !== "" && values[k] === null;
  });
  const parsed = filtersSchema.safeParse(toQueryFilters(values, tz));
  const filters = parsed.success ? parsed.data : toQueryFilters({ ...values, range: "30d" }, tz);
  return {
    values,
    filters,
    params: { ...filters, tz },
    filtered: Boolean(values.kind || values.source || values.clientPlatform || values.range !== "30d"),
    badFilters: unknown || !parsed.success,
  };
}
