import "server-only";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { quantile } from "../metrics/percentiles";
import { rate } from "../metrics/rates";
import { isoInTz } from "../serialize";
import { bucketGrid } from "./local-buckets";
import type { ViewerScope } from "./scope";
import { Where } from "./where";

export interface RosterMember {
  recipientId: string;
  name: string | null;
  status: string;
  /** Acknowledged = read (product.md). */
  acknowledged: boolean;
  readAt: string | null;
  /** Seconds from send to read. */
  timeToRead: number | null;
}

export interface AnnouncementDetail {
  id: string;
  title: string | null;
  team: { id: string; name: string | null } | null;
  sentAt: string | null;
  /** The announcement's own due time (null: none; `deadline` then comes from `hours`). */
  dueAt: string | null;
  deadline: string | null;
  targeted: number;
  acknowledged: number;
  /** acknowledged ÷ targeted; null when nobody was targeted. */
  rate: number | null;
  medianTimeToRead: number | null;
  members: RosterMember[];
  /** Cumulative acknowledgements at the end of each local hour (or day, after three days). */
  overTime: { start: string; acknowledged: number; rate: number | null }[];
  /** Not acknowledged by the deadline (oldest send first); empty without a deadline. */
  overdue: RosterMember[];
  deadlinePassed: boolean;
}

const MAX_ROSTER = 20_000;

/** Who read an announcement and how fast; acknowledgement over time; who is overdue. */
export async function getAnnouncement(
  db: Db,
  scope: ViewerScope,
  id: string,
  /**
   * The deadline is `deadline` when given, else the announcement's due time, else `hours` after
   * its first send (none of them: nobody is overdue).
   */
  opts: { tz: string; deadline?: string; hours?: number; now?: Date },
): Promise<AnnouncementDetail> {
  const now = opts.now ?? new Date();
  const w = new Where(scope, "d").eq("announcement_id", id);
  const [meta] = await query<{ title: string | null; due_at: Date | null; team_id: string | null; team_name: string | null }>(
    db.prisma,
    `SELECT a.title, a.due_at, a.team_id, t.name AS team_name FROM announcements a
     LEFT JOIN teams t ON t.workspace_id = a.workspace_id AND t.id = a.team_id
     WHERE a.workspace_id = $1 AND a.id = $2`,
    [scope.workspaceId, id],
  );
  const rows = await query<{ recipient_id: string; name: string | null; status: string; cohort_at: Date; read_at: Date | null }>(
    db.prisma,
    `SELECT d.recipient_id, d.status::text AS status, d.cohort_at, d.read_at,
       (SELECT tm.name FROM team_members tm WHERE tm.workspace_id = d.workspace_id AND tm.member_id = d.recipient_id
        ORDER BY (tm.team_id = $${w.params.length + 1}) DESC NULLS LAST, tm.team_id LIMIT 1) AS name
     FROM deliveries d WHERE ${w} ORDER BY d.recipient_id LIMIT ${MAX_ROSTER}`,
    [...w.params, meta?.team_id ?? null],
  );
  // Its title and deadline are team data: shown to team-scoped viewers only for their teams'
  // announcements (or when they may see some of its deliveries, e.g. ones they sent themselves).
  const teamVisible = !scope.teamIds || (meta?.team_id != null && scope.teamIds.includes(meta.team_id));
  if ((!meta || !teamVisible) && rows.length === 0) throw new ApiError("not_found", `No announcement "${id}" that you may see.`);
  // A recipient of several messages of one announcement counts once, by their first read.
  const byMember = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = byMember.get(r.recipient_id);
    if (!prev || (r.read_at && (!prev.read_at || r.read_at < prev.read_at))) byMember.set(r.recipient_id, r);
  }
  const members: (RosterMember & { sentAtMs: number; readAtMs: number | null })[] = [...byMember.values()].map((r) => ({
    recipientId: r.recipient_id,
    name: r.name,
    status: r.status,
    acknowledged: r.read_at !== null,
    readAt: isoInTz(r.read_at, opts.tz),
    timeToRead: r.read_at ? Math.max(0, (r.read_at.getTime() - r.cohort_at.getTime()) / 1000) : null,
    sentAtMs: r.cohort_at.getTime(),
    readAtMs: r.read_at?.getTime() ?? null,
  }));
  const targeted = members.length;
  const acknowledged = members.filter((m) => m.acknowledged).length;
  const firstSent = members.length ? Math.min(...members.map((m) => m.sentAtMs)) : null;
  const deadline = opts.deadline
    ? new Date(opts.deadline)
    : (meta?.due_at ?? (opts.hours !== undefined && firstSent !== null ? new Date(firstSent + opts.hours * 3600_000) : null));
  const overdue = deadline
    ? members.filter((m) => m.readAtMs === null || m.readAtMs > deadline.getTime()).sort((a, b) => a.sentAtMs - b.sentAtMs)
    : [];
  let overTime: AnnouncementDetail["overTime"] = [];
  if (firstSent !== null) {
    const lastRead = Math.max(firstSent, ...members.map((m) => m.readAtMs ?? 0));
    const end = new Date(Math.ceil((Math.min(now.getTime(), Math.max(lastRead, deadline?.getTime() ?? 0)) + 1) / 900_000) * 900_000);
    const from = new Date(Math.floor(firstSent / 900_000) * 900_000);
    const unit = end.getTime() - from.getTime() > 3 * 86400_000 ? "day" : "hour";
    const reads = members.flatMap((m) => (m.readAtMs === null ? [] : [m.readAtMs])).sort((a, b) => a - b);
    let i = 0;
    overTime = bucketGrid(unit, from, end, opts.tz).map((b) => {
      while (i < reads.length && reads[i] < b.end.getTime()) i++;
      return { start: b.start, acknowledged: i, rate: rate(i, targeted) };
    });
  }
  const strip = ({ sentAtMs: _s, readAtMs: _r, ...m }: (typeof members)[number]): RosterMember => m;
  return {
    id,
    title: meta?.title ?? null,
    team: meta?.team_id && teamVisible ? { id: meta.team_id, name: meta.team_name } : null,
    sentAt: firstSent === null ? null : isoInTz(new Date(firstSent), opts.tz),
    dueAt: isoInTz(meta?.due_at, opts.tz),
    deadline: isoInTz(deadline, opts.tz),
    targeted,
    acknowledged,
    rate: rate(acknowledged, targeted),
    medianTimeToRead: quantile(
      members.flatMap((m) => (m.timeToRead === null ? [] : [m.timeToRead])),
      0.5,
    ),
    members: members.map(strip),
    overTime,
    overdue: overdue.map(strip),
    deadlinePassed: deadline !== null && deadline.getTime() <= now.getTime(),
  };
}
