import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { rate } from "../metrics/rates";
import { isoInTz } from "../serialize";
import { deliveryWhere, resolveRange, type Filters } from "./filters";
import type { ViewerScope } from "./scope";

export interface AnnouncementRow {
  id: string;
  title: string | null;
  team: { id: string; name: string | null } | null;
  /** First send of the announcement. */
  sentAt: string;
  dueAt: string | null;
  /** Distinct members it was sent to (the roster). */
  targeted: number;
  acknowledged: number;
  /** acknowledged ÷ targeted. */
  rate: number | null;
  /** Members not acknowledged by the deadline; 0 while the deadline has not passed. */
  overdue: number;
}

const MAX_ROWS = 1000;

/**
 * Announcements with deliveries the viewer may see, newest first, with their acknowledgement
 * numbers counted per member (a member sent several messages of one announcement counts once, by
 * their first read) — the same rules as the roster (get-announcement.ts). The deadline is the
 * announcement's due time, or `hours` after its first send when it has none. Range: all time
 * unless from/to are given (a list of announcements is a catalogue, like campaigns).
 */
export async function listAnnouncements(
  db: Db,
  scope: ViewerScope,
  filters: Filters & { hours?: number },
  defaultTz: string,
  now = new Date(),
): Promise<AnnouncementRow[]> {
  const range = filters.from || filters.to ? resolveRange(filters, defaultTz) : null;
  const tz = filters.tz ?? defaultTz;
  const w = deliveryWhere(scope, { ...filters, kind: undefined }, range, "d");
  w.add("d.announcement_id IS NOT NULL");
  const hours = w.params.push(filters.hours ?? null);
  const at = w.params.push(now.toISOString());
  const rows = await query<{
    id: string;
    title: string | null;
    team_id: string | null;
    team_name: string | null;
    due_at: Date | null;
    sent_at: Date;
    targeted: number;
    acknowledged: number;
    overdue: number;
  }>(
    db.prisma,
    `WITH per_member AS (
       SELECT d.announcement_id, d.recipient_id, min(d.cohort_at) AS sent_at, min(d.read_at) AS read_at
       FROM deliveries d WHERE ${w} GROUP BY d.announcement_id, d.recipient_id
     ), with_deadline AS (
       SELECT p.*, a.title, a.team_id, a.due_at,
         COALESCE(a.due_at, min(p.sent_at) OVER (PARTITION BY p.announcement_id) + $${hours}::float8 * interval '1 hour') AS deadline
       FROM per_member p
       LEFT JOIN announcements a ON a.workspace_id = $1 AND a.id = p.announcement_id
     )
     SELECT x.announcement_id AS id, x.title, x.team_id, t.name AS team_name, x.due_at, min(x.sent_at) AS sent_at,
       count(*)::int AS targeted, count(x.read_at)::int AS acknowledged,
       count(*) FILTER (WHERE x.deadline <= $${at}::timestamptz AND (x.read_at IS NULL OR x.read_at > x.deadline))::int AS overdue
     FROM with_deadline x
     LEFT JOIN teams t ON t.workspace_id = $1 AND t.id = x.team_id
     GROUP BY x.announcement_id, x.title, x.team_id, t.name, x.due_at
     ORDER BY min(x.sent_at) DESC, x.announcement_id LIMIT ${MAX_ROWS}`,
    w.params,
  );
  // Team data is shown to team-scoped viewers (managers) for their own teams only.
  const teamVisible = (teamId: string) => !scope.teamIds || scope.teamIds.includes(teamId);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    team: r.team_id && teamVisible(r.team_id) ? { id: r.team_id, name: r.team_name } : null,
    sentAt: isoInTz(r.sent_at, tz)!,
    dueAt: isoInTz(r.due_at, tz),
    targeted: Number(r.targeted),
    acknowledged: Number(r.acknowledged),
    rate: rate(Number(r.acknowledged), Number(r.targeted)),
    overdue: Number(r.overdue),
  }));
}
