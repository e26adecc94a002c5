// Sort keys of the Support screen's per-agent table. Shared by the query (which orders the rows),
// the API schema (sort=…) and the page's URL state, so the table and its CSV keep one order.
export const AGENT_SORTS = ["agent", "conversations", "firstResponseP50", "firstResponseP90", "replyP50", "readRate"] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];
