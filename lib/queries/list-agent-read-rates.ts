import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { rollupWhere, type Filters, type Range } from "./filters";
import { gridSql } from "./grid";
import { senderTiers } from "./rollup-tables";
import type { ViewerScope } from "./scope";

export interface AgentReadRate {
  agentId: string;
  /** Support deliveries the agent sent in the range (by send time). */
  sent: number;
  delivered: number;
  read: number;
  /** read ÷ delivered; null when nothing was delivered. */
  readRate: number | null;
}

/**
 * Whether customers read each agent's answers: support deliveries sent in the range, grouped by
 * the sending agent. Bounded by the number of agents.
 */
export async function listAgentReadRates(
  db: Db,
  scope: ViewerScope,
  f: Pick<Filters, "source" | "teamId"> & { agentId?: string },
  range: Range,
): Promise<AgentReadRate[]> {
  // The rollups that keep the sender: counts by send time, as the deliveries say, without reading
  // every support delivery of the range (1.5 s at 10M deliveries; 250 ms from the 15-minute ones).
  const filters: Filters = { source: f.source, teamId: f.teamId, senderId: f.agentId, kind: "support" };
  const w = rollupWhere(scope, filters, null);
  w.add("sender_id <> ''");
  const from = gridSql(senderTiers(scope, filters), range, [], w, "sender_id", ["sent", "delivered", "read"]);
  const rows = await query<{ agentId: string; sent: number; delivered: number; read: number }>(
    db.prisma,
    `SELECT sender_id AS "agentId", sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(read)::int AS read
     FROM (${from.sql}) AS r GROUP BY sender_id HAVING sum(sent) <> 0 ORDER BY sender_id`,
    from.params,
  );
  return rows.map((r) => ({ ...r, readRate: r.delivered > 0 ? r.read / r.delivered : null }));
}
