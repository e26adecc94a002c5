import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { deliveryWhere, type Filters, type Range } from "./filters";
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
 * the sending agent. Bounded by the number of agents; served by the deliveries' sender index.
 */
export async function listAgentReadRates(
  db: Db,
  scope: ViewerScope,
  f: Pick<Filters, "source" | "teamId"> & { agentId?: string },
  range: Range,
): Promise<AgentReadRate[]> {
  const w = deliveryWhere(scope, { source: f.source, teamId: f.teamId, senderId: f.agentId, kind: "support" }, range, "d");
  w.add("d.sender_id IS NOT NULL");
  const rows = await query<{ agentId: string; sent: number; delivered: number; read: number }>(
    db.prisma,
    `SELECT d.sender_id AS "agentId", count(*)::int AS sent,
       count(*) FILTER (WHERE d.status IN ('delivered', 'read'))::int AS delivered,
       count(*) FILTER (WHERE d.status = 'read')::int AS read
     FROM deliveries d WHERE ${w} GROUP BY d.sender_id ORDER BY d.sender_id`,
    w.params,
  );
  return rows.map((r) => ({ ...r, readRate: r.delivered > 0 ? r.read / r.delivered : null }));
}
