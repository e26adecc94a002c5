import type { Filters } from "./filters";
import { COARSE_GRAINS, type CoarseTable } from "../ingest/grains";
import { replyPairsAsRollup } from "../ingest/support-replies-sql";
import type { Tier } from "./grid";
import type { ViewerScope } from "./scope";

// Which rollup tables answer a question. delivery_rollups keeps the sender and the announcement
// (15-minute buckets); delivery_totals is the same grid without them, 10–20× fewer rows on busy
// one-to-one traffic (migration 20261126220000_coarse_rollups); delivery_coarse drops the
// campaign too and adds UTC hours, days and weeks, sender_coarse the same by sender (migration
// 20261127000000_coarse_grains, read through grid.ts). All have the same count columns.

/** The question restricts or groups by people: a sender, a team, an announcement, or a scope of senders. */
export function needsPeople(scope: ViewerScope, f: Filters): boolean {
  return Boolean(scope.senderIds || f.senderId || f.teamId || f.announcementId);
}

/** The 15-minute count rollup table for `f` as `scope` sees it. */
export function countsTable(scope: ViewerScope, f: Filters): "delivery_rollups" | "delivery_totals" {
  return needsPeople(scope, f) ? "delivery_rollups" : "delivery_totals";
}

/** The grains a coarse table holds, as tiers. */
const coarse = (table: CoarseTable): Tier[] => COARSE_GRAINS[table].map((minutes) => ({ minutes, table, where: `minutes = ${minutes}` }));

/**
 * Count tables by grain for questions that select and group by no more than kind, source, client
 * platform and send time (columns: bucket_start, kind, source_id, client_platform and the counts).
 */
export function countTiers(scope: ViewerScope, f: Filters): Tier[] {
  if (needsPeople(scope, f)) return senderTiers(scope, f);
  const fine: Tier = { minutes: 15, table: "delivery_totals" };
  return f.campaignId || f.variant ? [fine] : [fine, ...coarse("delivery_coarse")];
}

/** Count tables by grain that keep the sender (columns: those of countTiers and sender_id). */
export function senderTiers(scope: ViewerScope, f: Filters): Tier[] {
  const fine: Tier = { minutes: 15, table: "delivery_rollups" };
  const announcements = f.announcementId || (scope.senderIds && scope.announcementIds?.length);
  return announcements || f.campaignId || f.variant ? [fine] : [fine, ...coarse("sender_coarse")];
}

// Columns only the 15-minute table has, and those only ttr_split_coarse keeps of the coarse ones.
const FINE_ONLY = /\b(campaign_id|variant|announcement_id|sender_id)\b/;
const SOURCE_OR_PLATFORM = /\b(source_id|client_platform)\b/;

/**
 * Time-to-read bin tables by grain for questions like countTiers', grouped by an optional SQL
 * expression over the rollup columns. Columns: bucket_start, kind, bin, count — and whatever
 * `groupBy` names.
 */
export function ttrTiers(scope: ViewerScope, f: Filters, groupBy = ""): Tier[] {
  const fine: Tier = { minutes: 15, table: "ttr_rollups" };
  if (needsPeople(scope, f) || f.campaignId || f.variant || FINE_ONLY.test(groupBy)) return [fine];
  if (SOURCE_OR_PLATFORM.test(groupBy) || f.source || f.clientPlatform) return [fine, ...coarse("ttr_split_coarse")];
  return [fine, ...coarse("ttr_coarse")];
}

/** Failed deliveries by error: failure_rollups holds every grain, the 15-minute one too. */
export const failureTiers = (): Tier[] => coarse("failure_rollups");

/** Support reply pairs: days and weeks from reply_rollups, a range's ragged ends from the pairs themselves. */
export const replyTiers = (): Tier[] => [{ minutes: 15, table: replyPairsAsRollup() }, ...coarse("reply_rollups")];
