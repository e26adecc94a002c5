import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { quantile } from "../metrics/percentiles";
import { rate } from "../metrics/rates";
import { isoInTz } from "../serialize";
import { deliveryWhere, resolveRange, type Filters } from "./filters";
import type { ViewerScope } from "./scope";

export interface MemberAcknowledgements {
  memberId: string;
  name: string | null;
  announcements: number;
  acknowledged: number;
  rate: number | null;
  /** Exact median over this member's reads, seconds. */
  medianTimeToRead: number | null;
  history: {
    announcementId: string;
    title: string | null;
    sentAt: string;
    status: string;
    readAt: string | null;
    timeToRead: number | null;
    overdue: boolean;
  }[];
}

/** One member's acknowledgement record across the announcements sent to them in the range. */
export async function getMemberAcknowledgements(
  db: Db,
  scope: ViewerScope,
  memberId: string,
  filters: Filters,
  defaultTz: string,
): Promise<MemberAcknowledgements> {
  // A team-scoped viewer (a manager) sees the records of their teams' members only; the roster
  // name would otherwise tell them who is in another team.
  const teams = scope.teamIds;
  const [who] = await query<{ name: string }>(
    db.prisma,
    `SELECT name FROM team_members WHERE workspace_id = $1 AND member_id = $2 ${teams ? "AND team_id = ANY($3::text[])" : ""}
     ORDER BY team_id LIMIT 1`,
    teams ? [scope.workspaceId, memberId, teams] : [scope.workspaceId, memberId],
  );
  if (teams && !who) throw new ApiError("not_found", `No member "${memberId}" in your teams.`);
  const range = resolveRange(filters, defaultTz);
  const w = deliveryWhere(scope, { ...filters, kind: undefined }, range, "d");
  w.add("d.recipient_id = ?", memberId).add("d.announcement_id IS NOT NULL");
  const rows = await query<{
    announcement_id: string;
    title: string | null;
    due_at: Date | null;
    cohort_at: Date;
    status: string;
    read_at: Date | null;
  }>(
    db.prisma,
    `SELECT d.announcement_id, a.title, a.due_at, min(d.cohort_at) AS cohort_at, (array_agg(d.status::text ORDER BY d.read_at NULLS LAST, d.cohort_at))[1] AS status, min(d.read_at) AS read_at
     FROM deliveries d LEFT JOIN announcements a ON a.workspace_id = d.workspace_id AND a.id = d.announcement_id
     WHERE ${w} GROUP BY d.announcement_id, a.title, a.due_at ORDER BY 4 DESC LIMIT 1000`,
    w.params,
  );
  const tz = range.tz;
  const history = rows.map((r) => ({
    announcementId: r.announcement_id,
    title: r.title,
    sentAt: isoInTz(r.cohort_at, tz)!,
    // Several messages of one announcement: the member's best status is the read one.
    status: r.read_at ? "read" : r.status,
    readAt: isoInTz(r.read_at, tz),
    timeToRead: r.read_at ? Math.max(0, (r.read_at.getTime() - r.cohort_at.getTime()) / 1000) : null,
    overdue: r.due_at !== null && (r.read_at === null || r.read_at > r.due_at) && r.due_at.getTime() <= Date.now(),
  }));
  const acknowledged = history.filter((h) => h.readAt !== null).length;
  return {
    memberId,
    name: who?.name ?? null,
    announcements: history.length,
    acknowledged,
    rate: rate(acknowledged, history.length),
    medianTimeToRead: quantile(
      history.flatMap((h) => (h.timeToRead === null ? [] : [h.timeToRead])),
      0.5,
    ),
    history,
  };
}
