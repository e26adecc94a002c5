import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { businessHoursSchema, businessSeconds } from "../metrics/business-hours";
import { summary } from "../metrics/percentiles";
import { resolveRange, type Filters } from "./filters";
import type { ViewerScope } from "./scope";

// Support response times (product.md): first response time = first agent message − the
// customer's first inbound message of the conversation; reply time = for every customer turn,
// the first agent message after it − the turn's first inbound message (a burst of three customer
// messages waits for one answer, not three). Conversations are those whose first inbound message
// falls in the range. Source: support_replies, the reply pairs ingestion keeps per conversation.

export interface TimeSummary {
  count: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
}

export interface ResponseTimes {
  basis: "calendar" | "business";
  firstResponse: TimeSummary;
  reply: TimeSummary;
  /** Product bins of reply and first-response times (seconds, [from, to)). */
  distribution: { label: string; from: number; to: number | null; firstResponse: number; reply: number }[];
  perAgent: { agentId: string; conversations: number; firstResponse: TimeSummary; reply: TimeSummary }[];
}

const EDGES: [string, number, number | null][] = [
  ["<5 min", 0, 300],
  ["5–30 min", 300, 1800],
  ["30–60 min", 1800, 3600],
  ["1–4 h", 3600, 14400],
  ["4–8 h", 14400, 28800],
  ["8–24 h", 28800, 86400],
  [">24 h", 86400, null],
];

const MAX_PAIRS = 500_000;

/** Every reply of the conversations opened in the range: who answered, when the turn was opened, when it was answered. */
function repliesSql(scope: ViewerScope, f: Filters & { agentId?: string }, from: Date, to: Date) {
  const params: unknown[] = [scope.workspaceId, from.toISOString(), to.toISOString()];
  const p = (v: unknown) => `$${params.push(v)}`;
  const visible: string[] = [];
  if (scope.kinds && !scope.kinds.includes("support")) visible.push("false");
  if (scope.senderIds) visible.push(`r.agent_id = ANY(${p(scope.senderIds)}::text[])`);
  if (f.agentId) visible.push(`r.agent_id = ${p(f.agentId)}`);
  if (f.teamId) visible.push(`r.agent_id IN (SELECT member_id FROM team_members WHERE workspace_id = $1 AND team_id = ${p(f.teamId)})`);
  if (f.source) visible.push(`r.source_id = ${p(f.source)}`);
  // Pairs are kept per conversation by ingestion (lib/ingest/support-replies-sql.ts).
  const sql = `
    SELECT r.conversation_id AS c, NULLIF(r.agent_id, '') AS agent, r.asked_at AS asked, r.answered_at AS answered, r.is_first AS first
    FROM support_replies r
    WHERE r.workspace_id = $1 AND r.opened_at >= $2::timestamptz AND r.opened_at < $3::timestamptz
    ${visible.map((v) => `AND ${v}`).join(" ")}`;
  return { sql, params };
}

const toSummary = (r: { n: number; p50: number | null; p90: number | null; mean: number | null }): TimeSummary => ({
  count: r.n,
  p50: r.p50,
  p90: r.p90,
  mean: r.mean,
});

export async function getResponseTimes(
  db: Db,
  scope: ViewerScope,
  filters: Filters & { agentId?: string },
  defaultTz: string,
): Promise<ResponseTimes> {
  const range = resolveRange(filters, defaultTz);
  const { sql, params } = repliesSql(scope, filters, range.from, range.to);
  const [ws] = await query<{ business_hours: unknown }>(db.prisma, `SELECT business_hours FROM workspaces WHERE id = $1`, [
    scope.workspaceId,
  ]);
  const bh = businessHoursSchema.safeParse(ws?.business_hours);
  if (bh.success) {
    // Business-hours durations depend on local calendars: computed here over the bounded set.
    const rows = await query<{ agent: string | null; asked: Date; answered: Date; first: boolean; c: string }>(
      db.prisma,
      `${sql} LIMIT ${MAX_PAIRS}`,
      params,
    );
    const secs = rows.map((r) => ({ ...r, s: businessSeconds(r.asked, r.answered, bh.data, range.tz) }));
    return assemble("business", secs);
  }
  const rows = await query<{ agent: string | null; first: boolean; s: number; c: string }>(
    db.prisma,
    `SELECT agent, first, extract(epoch FROM answered - asked)::float8 AS s, c FROM (${sql}) x LIMIT ${MAX_PAIRS}`,
    params,
  );
  return assemble("calendar", rows);
}

function assemble(basis: ResponseTimes["basis"], rows: { agent: string | null; first: boolean; s: number; c: string }[]): ResponseTimes {
  const stats = (list: typeof rows) => {
    const first = list.filter((r) => r.first).map((r) => r.s);
    const all = list.map((r) => r.s);
    return { firstResponse: toSummary({ n: first.length, ...summary(first) }), reply: toSummary({ n: all.length, ...summary(all) }) };
  };
  const agents = new Map<string, typeof rows>();
  for (const r of rows) {
    const a = r.agent ?? "";
    if (!agents.has(a)) agents.set(a, []);
    agents.get(a)!.push(r);
  }
  const inBin = (s: number, from: number, to: number | null) => s >= from && (to === null || s < to);
  return {
    basis,
    ...stats(rows),
    distribution: EDGES.map(([label, from, to]) => ({
      label,
      from,
      to,
      firstResponse: rows.filter((r) => r.first && inBin(r.s, from, to)).length,
      reply: rows.filter((r) => inBin(r.s, from, to)).length,
    })),
    perAgent: [...agents]
      .map(([agentId, list]) => ({ agentId, conversations: new Set(list.map((r) => r.c)).size, ...stats(list) }))
      .sort((a, b) => b.reply.count - a.reply.count || a.agentId.localeCompare(b.agentId)),
  };
}
