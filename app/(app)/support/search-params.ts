import { parseAsFloat, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { dashboardFilterParams } from "@/components/filters/filter-params";
import { AGENT_SORTS } from "@/lib/queries/agent-sorts";

// The Support screen's URL state: the date range, one agent, the time basis, the per-agent
// table's order and the follow-up threshold N (hours). A link reproduces the screen and its CSVs.
export const supportSearchParams = {
  range: dashboardFilterParams.range,
  from: dashboardFilterParams.from,
  to: dashboardFilterParams.to,
  agentId: parseAsString,
  basis: parseAsStringLiteral(["business", "calendar"] as const),
  sort: parseAsStringLiteral(AGENT_SORTS),
  order: parseAsStringLiteral(["asc", "desc"] as const),
  hours: parseAsFloat,
};

/** Thresholds offered for "unread after N hours" (any positive N works in the URL). */
export const FOLLOW_UP_HOURS = [1, 4, 8, 24, 48, 72] as const;
