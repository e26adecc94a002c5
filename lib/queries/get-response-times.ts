import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { businessHoursSchema, businessSeconds, type BusinessHours } from "../metrics/business-hours";
import { summary } from "../metrics/percentiles";
import type { AgentSort } from "./agent-sorts";
import { REPLY_EDGES } from "../ingest/support-replies-sql";
import { rate } from "../metrics/rates";
import { quantileFromBins } from "../metrics/ttr-histogram";
import { resolveRange, type Filters } from "./filters";
import { gridSql } from "./grid";
import { replyTiers } from "./rollup-tables";
import { Where } from "./where";
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

const LABELS = ["<5 min", "5–30 min", "30–60 min", "1–4 h", "4–8 h", "8–24 h", ">24 h"];
// The product bins; their edges are the rollups' (`edge` = the bin's index).
const EDGES: [string, number, number | null][] = LABELS.map((label, i) => [label, [0, ...REPLY_EDGES][i], REPLY_EDGES[i] ?? null]);

const MAX_PAIRS = 500_000;

/**
 * Which replies the viewer may see and the filters ask for, over the columns support_replies and
 * reply_rollups share (the pairs are kept per conversation by lib/ingest/support-replies-sql.ts).
 */
function repliesWhere(scope: ViewerScope, f: Filters & { agentId?: string }): Where {
  const w = new Where({ workspaceId: scope.workspaceId });
  if (scope.kinds && !scope.kinds.includes("support")) w.add("false");
  if (scope.senderIds) w.add("agent_id = ANY(?::text[])", scope.senderIds);
  if (f.agentId) w.add("agent_id = ?", f.agentId);
  if (f.teamId)
    w.add("agent_id IN (SELECT member_id FROM team_members WHERE workspace_id = ? AND team_id = ?)", scope.workspaceId, f.teamId);
  if (f.source) w.add("source_id = ?", f.source);
  return w;
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
  const [ws] = await query<{ business_hours: unknown }>(db.prisma, `SELECT business_hours FROM workspaces WHERE id = $1`, [
    scope.workspaceId,
  ]);
  const bh = businessHoursSchema.safeParse(ws?.business_hours);
  const businessHours = bh.success ? bh.data : null;
  if (bh.success && filters.basis !== "calendar") {
    // Business-hours durations depend on local calendars: computed here over the bounded set.
    // Every reply of the conversations opened in the range: who answered, when the turn was opened, when it was answered.
    const w = repliesWhere(scope, filters);
    w.add("opened_at >= ?::timestamptz", range.from.toISOString());
    w.add("opened_at < ?::timestamptz", range.to.toISOString());
    const rows = await query<{ agent: string | null; asked: Date; answered: Date; first: boolean; c: string }>(
      db.prisma,
      `SELECT conversation_id AS c, NULLIF(agent_id, '') AS agent, asked_at AS asked, answered_at AS answered, is_first AS first
       FROM support_replies WHERE ${w} LIMIT ${MAX_PAIRS}`,
      w.params,
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
  // Calendar time: from reply_rollups (grid.ts), ~a few thousand rows whatever the range, instead
  // of the range's pairs (~250k a month in a busy workspace). Percentiles from the log bins (within
  // 4.4 %, as time-to-read); counts, means, conversations and the distribution exact.
  const from = gridSql(replyTiers(), range, [], repliesWhere(scope, filters), "agent_id, is_first, bin, edge", [
    "replies",
    "seconds",
    "conversations",
  ]);
  const rows = await query<RollupRow>(
    db.prisma,
    `SELECT agent_id AS agent, is_first AS first, bin, edge, grouping(edge)::int AS by_bin,
       sum(replies)::float8 AS n, sum(seconds)::float8 AS s, sum(conversations)::float8 AS conv
     FROM (${from.sql}) AS r GROUP BY GROUPING SETS ((agent_id, is_first, bin), (is_first, edge)) HAVING sum(replies) <> 0`,
    from.params,
  );
  const byBin = rows.filter((r) => r.by_bin === 1);
  const byEdge = rows.filter((r) => r.by_bin === 0);
  const agents = new Map<string, RollupRow[]>();
  for (const r of byBin) {
    const list = agents.get(r.agent);
    if (list) list.push(r);
    else agents.set(r.agent, [r]);
  }
  const edgeCount = (i: number, first: boolean) => byEdge.filter((r) => r.edge === i && (!first || r.first)).reduce((n, r) => n + r.n, 0);
  return {
    ...assemble(
      "calendar",
      {
        ...statsOfBins(byBin),
        distribution: EDGES.map(([label, from, to], i) => ({
          label,
          from,
          to,
          firstResponse: edgeCount(i, true),
          reply: edgeCount(i, false),
        })),
      },
      new Map([...agents].map(([agent, list]) => [agent, statsOfBins(list)])),
      await readRates,
      filters,
    ),
    businessHours,
    tz: range.tz,
  };
}

type RollupRow = { agent: string; first: boolean; bin: number; edge: number; by_bin: number; n: number; s: number; conv: number };

/** Statistics of reply rollup rows (one agent's, or everyone's). */
function statsOfBins(rows: RollupRow[]): Stats {
  const summaryOf = (list: RollupRow[]): TimeSummary => {
    const bins = list.map((r) => ({ bin: r.bin, count: r.n }));
    const n = list.reduce((x, r) => x + r.n, 0);
    return {
      count: n,
      p50: quantileFromBins(bins, 0.5),
      p90: quantileFromBins(bins, 0.9),
      mean: rate(
        list.reduce((x, r) => x + r.s, 0),
        n,
      ),
    };
  };
  return {
    conversations: rows.reduce((x, r) => x + r.conv, 0),
    firstResponse: summaryOf(rows.filter((r) => r.first)),
    reply: summaryOf(rows),
  };
}

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
