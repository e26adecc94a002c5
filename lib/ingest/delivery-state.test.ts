import { describe, expect, it } from "vitest";
import { contributionOf, mergeFact, newDelivery, statusOf, type DeliveryState, type Fact } from "./delivery-state";

const t = (min: number) => new Date(Date.UTC(2026, 10, 20, 9, min));

function fresh(): DeliveryState {
  const dims = {
    kind: "campaign",
    senderId: null,
    conversationId: null,
    campaignId: "c",
    variant: "A",
    announcementId: null,
    sourceId: null,
  } as const;
  return newDelivery("w", "m", "r", { ...dims, sentAt: t(0) });
}

const apply = (facts: Fact[]) => facts.reduce((s, f) => mergeFact(s, f).state, fresh());

describe("delivery state", () => {
  it("never moves backwards: delivered after read keeps read", () => {
    const s = apply([
      { kind: "sent", at: t(0) },
      { kind: "read", at: t(5) },
      { kind: "delivered", at: t(1) },
    ]);
    expect(statusOf(s)).toBe("read");
    expect(s.deliveredAt).toEqual(t(1));
  });

  it("read first leaves delivered time empty but counts as delivered", () => {
    const s = apply([
      { kind: "sent", at: t(0) },
      { kind: "read", at: t(5) },
    ]);
    expect(s.deliveredAt).toBeNull();
    expect(contributionOf(s)).toMatchObject({ sent: 1, delivered: 1, read: 1, failed: 0 });
  });

  it("failed is terminal unless delivered or read proves otherwise, and keeps the error", () => {
    const failed = apply([
      { kind: "sent", at: t(0) },
      { kind: "failed", at: t(1), error: { code: "131049", title: "ecosystem" } },
    ]);
    expect(statusOf(failed)).toBe("failed");
    expect(contributionOf(failed)).toMatchObject({ sent: 1, delivered: 0, failed: 1 });
    const recovered = mergeFact(failed, { kind: "delivered", at: t(2) }).state;
    expect(statusOf(recovered)).toBe("delivered");
    expect(recovered.errorCode).toBe("131049");
    const lateFailure = apply([
      { kind: "delivered", at: t(1) },
      { kind: "failed", at: t(2), error: { code: "x", title: null } },
    ]);
    expect(statusOf(lateFailure)).toBe("delivered");
    expect(lateFailure.failedAt).toEqual(t(2));
  });

  it("reports unchanged facts as no change and lower stages as out of order", () => {
    const s = apply([{ kind: "read", at: t(5) }]);
    const again = mergeFact(s, { kind: "read", at: t(5) });
    expect(again.changed).toBe(false);
    const late = mergeFact(s, { kind: "delivered", at: t(3) });
    expect(late.outOfOrder).toBe(true);
    expect(late.changed).toBe(true);
  });

  it("prefers an exact read over a watermark read at the same instant", () => {
    const a = apply([
      { kind: "read", at: t(5), watermark: true },
      { kind: "read", at: t(5) },
    ]);
    const b = apply([
      { kind: "read", at: t(5) },
      { kind: "read", at: t(5), watermark: true },
    ]);
    expect(a.readByWatermark).toBe(false);
    expect(b).toEqual(a);
  });

  it("ends in the same state for every order of the same facts", () => {
    const facts: Fact[] = [
      { kind: "sent", at: t(0), clientPlatform: "ios" },
      { kind: "delivered", at: t(1) },
      { kind: "delivered", at: t(2) },
      { kind: "read", at: t(9), watermark: true },
      { kind: "read", at: t(7) },
      { kind: "failed", at: t(3), error: { code: "1", title: "t" } },
    ];
    const expected = apply(facts);
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let i = 0; i < 200; i++) {
      const shuffled = [...facts].sort(() => rand() - 0.5);
      const withDupes = [...shuffled, ...shuffled.slice(0, 3)];
      expect(apply(withDupes)).toEqual(expected);
    }
    expect(statusOf(expected)).toBe("read");
    expect(expected.readAt).toEqual(t(7));
  });

  it("computes time-to-read from the delivery's send time, else the message's", () => {
    expect(
      contributionOf(
        apply([
          { kind: "sent", at: t(2) },
          { kind: "read", at: t(12) },
        ]),
      ).ttrSum,
    ).toBe(600);
    expect(contributionOf(apply([{ kind: "read", at: t(10) }])).ttrSum).toBe(600);
  });
});
