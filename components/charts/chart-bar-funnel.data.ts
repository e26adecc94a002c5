export interface FunnelInput {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
}

export interface FunnelStep {
  id: "sent" | "delivered" | "read";
  count: number;
  /** Share of sent (0..1), null when nothing was sent. */
  ofSent: number | null;
  /** Share of the previous step: delivery rate for delivered, read rate for read. */
  ofPrevious: number | null;
}

export function toFunnelSteps(o: FunnelInput): FunnelStep[] {
  const r = (n: number, d: number) => (d > 0 ? n / d : null);
  return [
    { id: "sent", count: o.sent, ofSent: r(o.sent, o.sent), ofPrevious: null },
    { id: "delivered", count: o.delivered, ofSent: r(o.delivered, o.sent), ofPrevious: r(o.delivered, o.sent) },
    { id: "read", count: o.read, ofSent: r(o.read, o.sent), ofPrevious: r(o.read, o.delivered) },
  ];
}
