import type { Db } from "../db/client";
import { ingest } from "./ingest";

// Messages that each role sees differently (see PEOPLE in fixtures.ts): a campaign, support answers
// by agent-1 (the agent), agent-2 (team-a) and agent-3 (team-b), and one announcement per team
// sent by HR. The other workspace has a campaign of its own. Each support answer replies to a
// customer's message five minutes earlier (response times), and one campaign delivery failed.

const at = new Date(Date.now() - 60 * 60_000).toISOString();
const asked = new Date(Date.now() - 65 * 60_000).toISOString();
const inbound = (conversationId: string, customer: string) => ({
  type: "message.received",
  id: `in-${conversationId}`,
  occurredAt: asked,
  conversationId,
  senderId: customer,
});
const sent = (id: string, message: Record<string, unknown>, recipientId: string) => ({
  type: "message.sent",
  id: `s-${id}-${recipientId}`,
  occurredAt: at,
  message: { id, ...message },
  recipientId,
});

export const VISIBLE = {
  admin: ["m-camp", "m-agent1", "m-agent2", "m-agent3", "m-ann-a", "m-ann-b"],
  manager: ["m-agent1", "m-agent2", "m-ann-a"],
  marketer: ["m-camp"],
  agent: ["m-agent1"],
  otherAdmin: [],
} as const;

/** Deliveries per message (for expected overview counts). */
export const RECIPIENTS: Record<string, number> = { "m-camp": 2, "m-agent1": 1, "m-agent2": 1, "m-agent3": 1, "m-ann-a": 2, "m-ann-b": 1 };

export async function seedScopeData(db: Db): Promise<void> {
  await ingest(db, "acme", [
    sent("m-camp", { kind: "campaign", campaignId: "spring", variant: "A", title: "Spring" }, "cust-1"),
    sent("m-camp", { kind: "campaign", campaignId: "spring", variant: "A", title: "Spring" }, "cust-2"),
    sent("m-agent1", { kind: "support", senderId: "agent-1", conversationId: "c-1" }, "cust-1"),
    sent("m-agent2", { kind: "support", senderId: "agent-2", conversationId: "c-2" }, "cust-2"),
    sent("m-agent3", { kind: "support", senderId: "agent-3", conversationId: "c-3" }, "cust-3"),
    sent("m-ann-a", { kind: "announcement", senderId: "hr-1", announcementId: "ann-a", title: "Team A news" }, "agent-1"),
    sent("m-ann-a", { kind: "announcement", senderId: "hr-1", announcementId: "ann-a", title: "Team A news" }, "agent-2"),
    sent("m-ann-b", { kind: "announcement", senderId: "hr-1", announcementId: "ann-b", title: "Team B news" }, "agent-3"),
    { type: "message.read", id: "r-camp-1", occurredAt: at, messageId: "m-camp", recipientId: "cust-1" },
    { type: "message.failed", id: "f-camp-2", occurredAt: at, messageId: "m-camp", recipientId: "cust-2", error: { code: "blocked" } },
    inbound("c-1", "cust-1"),
    inbound("c-2", "cust-2"),
    inbound("c-3", "cust-3"),
  ]);
  // Which team an announcement addresses is not part of the canonical event; set it as an admin would.
  await db.prisma.announcement.update({ where: { workspaceId_id: { workspaceId: "acme", id: "ann-a" } }, data: { teamId: "team-a" } });
  await db.prisma.announcement.update({ where: { workspaceId_id: { workspaceId: "acme", id: "ann-b" } }, data: { teamId: "team-b" } });
  await ingest(db, "other", [sent("m-other", { kind: "campaign", campaignId: "autumn", title: "Autumn" }, "x-1")]);
}
