import { parseAsArrayOf, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { CLIENT_PLATFORMS, presetDays } from "../filters/filter-params";

// URL state of the Campaigns screens. Campaigns are a catalogue, so the default range is all
// time (the list API's default too); the other presets are the dashboard's. Kind is not a filter
// here: every row is a campaign.

export const CAMPAIGN_RANGES = ["all", "today", "7d", "30d", "custom"] as const;
export type CampaignRange = (typeof CAMPAIGN_RANGES)[number];
export const CAMPAIGN_RANGE_PRESETS = ["all", "today", "7d", "30d"] as const;

export const CAMPAIGN_SORTS = [
  "title",
  "firstSentAt",
  "sent",
  "delivered",
  "read",
  "failed",
  "pending",
  "deliveryRate",
  "readRate",
] as const;
export type CampaignSortKey = (typeof CAMPAIGN_SORTS)[number];

export const campaignFilterParams = {
  range: parseAsStringLiteral(CAMPAIGN_RANGES).withDefault("all"),
  from: parseAsString,
  to: parseAsString,
  source: parseAsString,
  clientPlatform: parseAsStringLiteral(CLIENT_PLATFORMS),
};

export const campaignListParams = {
  ...campaignFilterParams,
  search: parseAsString.withDefault(""),
  sort: parseAsStringLiteral(CAMPAIGN_SORTS).withDefault("firstSentAt"),
  order: parseAsStringLiteral(["asc", "desc"] as const),
};

/** How many campaigns or variants Compare takes at most (the API's limit). */
export const MAX_COMPARE = 5;

/** Compare: `ids` are campaign ids or `campaign:variant` cohorts, 2–5 of them. */
export const compareParams = {
  ...campaignFilterParams,
  ids: parseAsArrayOf(parseAsString).withDefault([]),
};

export interface CampaignFilterValues {
  range: CampaignRange;
  from: string | null;
  to: string | null;
  source: string | null;
  clientPlatform: (typeof CLIENT_PLATFORMS)[number] | null;
}

/** URL values → API / drill-down params: local days in the workspace zone, none for all time. */
export function campaignApiFilters(v: CampaignFilterValues, tz: string, now = new Date()) {
  const days = v.range === "all" ? null : presetDays({ range: v.range, from: v.from, to: v.to }, tz, now);
  return {
    from: days?.from,
    to: days?.to,
    source: v.source ?? undefined,
    clientPlatform: v.clientPlatform ?? undefined,
  };
}

export function isFiltered(v: CampaignFilterValues): boolean {
  return v.range !== "all" || v.source !== null || v.clientPlatform !== null;
}
