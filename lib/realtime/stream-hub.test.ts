import { describe, expect, it } from "vitest";
import type { ChangedDelivery } from "../ingest/apply-batch";
import { visibleNotice } from "./stream-hub";

const d = (messageId: string, senderId: string | null, announcementId: string | null = null): ChangedDelivery => ({
  messageId,
  recipientId: "r",
  status: "read",
  kind: announcementId ? "announcement" : "support",
  variant: null,
  sourceId: null,
  clientPlatform: null,
  readAt: null,
  senderId,
  conversationId: null,
  campaignId: null,
  announcementId,
});
const notice = {
  workspaceId: "acme",
  at: "2026-01-01T00:00:00Z",
  deliveries: [d("m-a", "agent-1"), d("m-b", "agent-3"), d("m-ann-a", "hr-1", "ann-a"), d("m-ann-b", "hr-1", "ann-b")],
};
const ids = (n: ReturnType<typeof visibleNotice>) => n?.deliveries.map((x) => x.messageId) ?? [];

describe("visibleNotice", () => {
  it("gives a manager their teams' members' messages and their teams' announcements, nothing of another team", () => {
    const manager = { workspaceId: "acme", senderIds: ["agent-1", "agent-2"], announcementIds: ["ann-a"], teamIds: ["team-a"] };
    expect(ids(visibleNotice(notice, manager))).toEqual(["m-a", "m-ann-a"]);
  });

  it("gives an agent only what they sent, and a workspace-wide viewer everything of its workspace only", () => {
    expect(ids(visibleNotice(notice, { workspaceId: "acme", senderIds: ["agent-3"], teamIds: [] }))).toEqual(["m-b"]);
    expect(ids(visibleNotice(notice, { workspaceId: "acme" }))).toEqual(["m-a", "m-b", "m-ann-a", "m-ann-b"]);
    expect(visibleNotice(notice, { workspaceId: "other" })).toBeNull();
    expect(visibleNotice(notice, { workspaceId: "acme", senderIds: [] })).toBeNull();
  });

  it("gives a kind-scoped viewer (a marketer) only deliveries of that kind, and fails closed on a notice without kinds", () => {
    const marketer = { workspaceId: "acme", kinds: ["campaign"], teamIds: [] };
    expect(visibleNotice(notice, marketer)).toBeNull();
    const campaign = { ...d("m-camp", "marketing"), kind: "campaign" };
    expect(ids(visibleNotice({ ...notice, deliveries: [...notice.deliveries, campaign] }, marketer))).toEqual(["m-camp"]);
    const { kind: _, ...withoutKind } = campaign;
    expect(visibleNotice({ ...notice, deliveries: [withoutKind as ChangedDelivery] }, marketer)).toBeNull();
  });
});
