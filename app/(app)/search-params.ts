import { createLoader } from "nuqs/server";
import { dashboardFilterParams } from "@/components/filters/filter-params";

// The Overview's URL state: the shared dashboard filters, nothing page-specific yet.
export const overviewSearchParams = { ...dashboardFilterParams };
export const loadOverviewSearchParams = createLoader(overviewSearchParams);
