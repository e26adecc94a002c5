import type { Filters } from "./filters";
import type { ViewerScope } from "./scope";

// Which rollup table answers a question. delivery_rollups keeps the sender and the announcement
// (15-minute buckets); delivery_totals is the same grid without them, 10–20× fewer rows on busy
// one-to-one traffic (migration 20261126220000_coarse_rollups). Both have the same count columns.

/** The question restricts or groups by people: a sender, a team, an announcement, or a scope of senders. */
export function needsPeople(scope: ViewerScope, f: Filters): boolean {
  return Boolean(scope.senderIds || f.senderId || f.teamId || f.announcementId);
}

/** The count rollup table for `f` as `scope` sees it. */
export function countsTable(scope: ViewerScope, f: Filters): "delivery_rollups" | "delivery_totals" {
  return needsPeople(scope, f) ? "delivery_rollups" : "delivery_totals";
}
