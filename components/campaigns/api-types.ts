import type { CampaignDetail } from "@/lib/queries/get-campaign";
import type { Comparison } from "@/lib/queries/compare-cohorts";
import type { Counts } from "@/lib/queries/counts";
import type { FailureReason } from "@/lib/queries/list-failure-reasons";
import type { HeatCell } from "@/lib/queries/get-read-heatmap";

// JSON shapes of the campaign endpoints as the screens receive them (dates are ISO strings).

export interface CampaignListRow extends Counts {
  id: string;
  title: string | null;
  firstSentAt: string;
  lastSentAt: string;
  immature: boolean;
}

export type CampaignDetailJson = CampaignDetail & { heatmap: { tz: string; cells: HeatCell[] }; failureReasons: FailureReason[] };
export type CompareJson = Comparison;
