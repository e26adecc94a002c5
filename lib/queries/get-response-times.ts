import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { businessHoursSchema, businessSeconds, type BusinessHours } from "../metrics/business-hours";
import { summary } from "../metrics/percentiles";
import type { AgentSort } from "./agent-sorts";
import { resolveRange, type Filters } from "./filters";
import { listAgentReadRates, type AgentReadRate } from "./list-agent-read-rates";
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

export type ResponseBasis = "calendar" | "business";

export interface ResponseTimesOptions extends Filters {
  agentId?: string;
  /** "calendar" forces wall-clock time; default: business hours when the workspace defines them. */
  basis?: ResponseBasis;
  sort?: AgentSort;
  order?: "asc" | "desc";
}

export interface AgentResponseTimes {
  agentId: string;
  conversations: number;
  firstResponse: TimeSummary;
  reply: TimeSummary;
  /** Whether customers read the agent's answers sent in the range. */
  messages: Omit<AgentReadRate, "agentId">;
}

export interface ResponseTimes {
  basis: ResponseBasis;
  /** The workspace's opening hours (local to `tz`), or null when it defines none. */
  businessHours: BusinessHours | null;
  tz: string;
  firstResponse: TimeSummary;
  reply: TimeSummary;
  /** Product bins of reply and first-response times (seconds, [from, to)). */
  distribution: { label: string; from: number; to: number | null; firstResponse: number; reply: number }[];
  perAgent: AgentResponseTimes[];
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
  filters: ResponseTimesOptions,
  defaultTz: string,
): Promise<ResponseTimes> {
  const range = resolveRange(filters, defaultTz);
  const readRates = listAgentReadRates(db, scope, filters, range);
  const { sql, params } = repliesSql(scope, filters, range.from, range.to);
  const [ws] = await query<{ business_hours: unknown }>(db.prisma, `SELECT business_hours FROM workspaces WHERE id = $1`, [
    scope.workspaceId,
  ]);
  const bh = businessHoursSchema.safeParse(ws?.business_hours);
  const businessHours = bh.success ? bh.data : null;
  if (bh.success && filters.basis !== "calendar") {
    // Business-hours durations depend on local calendars: computed here over the bounded set.
    const rows = await query<{ agent: string | null; asked: Date; answered: Date; first: boolean; c: string }>(
      db.prisma,
      `${sql} LIMIT ${MAX_PAIRS}`,
      params,
    );
    const secs = rows.map((r) => ({ ...r, s: businessSeconds(r.asked, r.answered, bh.data, range.tz) }));
    const byAgent = new Map<string, Pair[]>();
    for (const r of secs) {
      const list = byAgent.get(r.agent ?? "");
      if (list) list.push(r);
      else byAgent.set(r.agent ?? "", [r]);
    }
    const inBin = (s: number, from: number, to: number | null) => s >= from && (to === null || s < to);
    const totals = {
      ...statsFrom(secs),
      distribution: EDGES.map(([label, from, to]) => ({
        label,
        from,
        to,
        firstResponse: secs.filter((r) => r.first && inBin(r.s, from, to)).length,
        reply: secs.filter((r) => inBin(r.s, from, to)).length,
      })),
    };
    const agents = new Map([...byAgent].map(([a, list]) => [a, statsFrom(list)]));
    return { ...assemble("business", totals, agents, await readRates, filters), businessHours, tz: range.tz };
  }
  // Calendar time: the percentiles, bins and counts are computed where the pairs are (a month of
  // a busy workspace is ~250k pairs; sending them to Node took most of a second). percentile_disc
  // is the nearest-rank quantile of lib/metrics/percentiles.ts.
  const q = (p: number, filter = "") => `percentile_disc(${p}) WITHIN GROUP (ORDER BY s)${filter}`;
  const bins = EDGES.flatMap(([, from, to], i) => {
    const inBin = `s >= ${from}${to === null ? "" : ` AND s < ${to}`}`;
    return [`count(*) FILTER (WHERE ${inBin})::int AS r${i}`, `count(*) FILTER (WHERE first AND ${inBin})::int AS f${i}`];
  });
  const agg = await query<AggregateRow>(
    db.prisma,
    `SELECT COALESCE(agent, '') AS agent, grouping(agent)::int AS total, count(DISTINCT c)::int AS conversations,
       count(*)::int AS n, ${q(0.5)} AS p50, ${q(0.9)} AS p90, avg(s) AS mean,
       count(*) FILTER (WHERE first)::int AS fn, ${q(0.5, " FILTER (WHERE first)")} AS fp50,
       ${q(0.9, " FILTER (WHERE first)")} AS fp90, avg(s) FILTER (WHERE first) AS fmean, ${bins.join(", ")}
     FROM (SELECT agent, first, extract(epoch FROM answered - asked)::float8 AS s, c FROM (${sql}) x) p
     GROUP BY ROLLUP (agent)`,
    params,
  );
  const statsOf = (r: AggregateRow | undefined): Stats =>
    r
      ? {
          conversations: r.conversations,
          firstResponse: { count: r.fn, p50: r.fp50, p90: r.fp90, mean: r.fmean },
          reply: { count: r.n, p50: r.p50, p90: r.p90, mean: r.mean },
        }
      : { conversations: 0, firstResponse: NO_TIMES, reply: NO_TIMES };
  const total = agg.find((r) => r.total === 1);
  return {
    ...assemble(
      "calendar",
      {
        ...statsOf(total),
        distribution: EDGES.map(([label, from, to], i) => ({
          label,
          from,
          to,
          firstResponse: total ? (total[`f${i}`] as number) : 0,
          reply: total ? (total[`r${i}`] as number) : 0,
        })),
      },
      new Map(agg.filter((r) => r.total === 0).map((r) => [r.agent, statsOf(r)])),
      await readRates,
      filters,
    ),
    businessHours,
    tz: range.tz,
  };
}

type AggregateRow = {
  agent: string;
  total: number;
  conversations: number;
  n: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
  fn: number;
  fp50: number | null;
  fp90: number | null;
  fmean: number | null;
  [bin: string]: string | number | null;
};
type Stats = { conversations: number; firstResponse: TimeSummary; reply: TimeSummary };

type Pair = { agent: string | null; first: boolean; s: number; c: string };
const NO_TIMES: TimeSummary = { count: 0, p50: null, p90: null, mean: null };

/** Business hours: the same statistics as the SQL of the calendar case, over pairs in Node. */
function statsFrom(list: Pair[]): Stats {
  const first = list.filter((r) => r.first).map((r) => r.s);
  const all = list.map((r) => r.s);
  return {
    conversations: new Set(list.map((r) => r.c)).size,
    firstResponse: toSummary({ n: first.length, ...summary(first) }),
    reply: toSummary({ n: all.length, ...summary(all) }),
  };
}

function assemble(
  basis: ResponseBasis,
  totals: Omit<Stats, "conversations"> & Pick<ResponseTimes, "distribution">,
  agentStats: Map<string, Stats>,
  readRates: AgentReadRate[],
  order: Pick<ResponseTimesOptions, "sort" | "order">,
): Omit<ResponseTimes, "businessHours" | "tz"> {
  // Agents who answered in the range but whose conversations began before it still get a row.
  const agents = new Set([...readRates.map((r) => r.agentId), ...agentStats.keys()]);
  return {
    basis,
    firstResponse: totals.firstResponse,
    reply: totals.reply,
    distribution: totals.distribution,
    perAgent: sortAgents(
      [...agents].map((agentId) => {
        const rr = readRates.find((r) => r.agentId === agentId);
        const times = agentStats.get(agentId) ?? { conversations: 0, firstResponse: NO_TIMES, reply: NO_TIMES };
        return {
          agentId,
          ...times,
          messages: { sent: rr?.sent ?? 0, delivered: rr?.delivered ?? 0, read: rr?.read ?? 0, readRate: rr?.readRate ?? null },
        };
      }),
      order,
    ),
  };
}

const SORT_VALUE: Record<AgentSort, (a: AgentResponseTimes) => string | number | null> = {
  agent: (a) => a.agentId,
  conversations: (a) => a.conversations,
  firstResponseP50: (a) => a.firstResponse.p50,
  firstResponseP90: (a) => a.firstResponse.p90,
  replyP50: (a) => a.reply.p50,
  readRate: (a) => a.messages.readRate,
};

/** Default: the busiest agents first. Missing values (no replies, nothing delivered) always last. */
function sortAgents(list: AgentResponseTimes[], o: Pick<ResponseTimesOptions, "sort" | "order">): AgentResponseTimes[] {
  if (!o.sort) return list.sort((a, b) => b.reply.count - a.reply.count || a.agentId.localeCompare(b.agentId));
  const value = SORT_VALUE[o.sort];
  const dir = o.order === "desc" ? -1 : 1;
  return list.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.agentId.localeCompare(b.agentId) : x === null ? 1 : -1;
    const c = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
    return c * dir || a.agentId.localeCompare(b.agentId);
  });
}
