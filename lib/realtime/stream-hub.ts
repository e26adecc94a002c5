import { randomBytes } from "node:crypto";
import type { ViewerScope } from "../queries/scope";
import { onChange, type ChangeNotice } from "./bus";

// Fan-out of change notices to SSE streams, with a bounded ring buffer of recent notices so a
// client that reconnects with Last-Event-ID gets what it missed. Ids are "<epoch>-<seq>": the
// epoch changes when the process restarts, so a stale id is recognised and answered with a
// reset (refetch everything) instead of silently skipping notices.

export interface HubEvent {
  id: string;
  seq: number;
  notice: ChangeNotice;
}

const RING_SIZE = 2_000;

class StreamHub {
  readonly epoch = randomBytes(4).toString("hex");
  private seq = 0;
  private ring: HubEvent[] = [];
  private listeners = new Set<(e: HubEvent) => void>();

  constructor() {
    onChange((notice) => this.publish(notice));
  }

  private publish(notice: ChangeNotice): void {
    const e = { id: `${this.epoch}-${++this.seq}`, seq: this.seq, notice };
    this.ring.push(e);
    if (this.ring.length > RING_SIZE) this.ring.splice(0, this.ring.length - RING_SIZE);
    for (const l of this.listeners) l(e);
  }

  /**
   * Subscribe; `replay` holds the buffered events after `lastEventId`, and `reset` is true when
   * that id cannot be resumed from (another process's epoch, or older than the buffer).
   */
  subscribe(listener: (e: HubEvent) => void, lastEventId?: string | null): { replay: HubEvent[]; reset: boolean; unsubscribe: () => void } {
    this.listeners.add(listener);
    const unsubscribe = () => void this.listeners.delete(listener);
    if (!lastEventId) return { replay: [], reset: false, unsubscribe };
    const m = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId);
    if (!m || m[1] !== this.epoch) return { replay: [], reset: true, unsubscribe };
    const after = Number(m[2]);
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    return { replay: this.ring.filter((e) => e.seq > after), reset: after + 1 < oldest && after < this.seq, unsubscribe };
  }

  get size(): number {
    return this.listeners.size;
  }
}

const holder = globalThis as unknown as { __receiptsHub?: StreamHub };

export function streamHub(): StreamHub {
  return (holder.__receiptsHub ??= new StreamHub());
}

/** The part of a notice this viewer may see, or null when nothing is left. */
export function visibleNotice(n: ChangeNotice, scope: ViewerScope): ChangeNotice | null {
  if (n.workspaceId !== scope.workspaceId) return null;
  const deliveries = n.deliveries.filter((d) => {
    // The same rule as the SQL scope (queries/where.ts): sent by one of `senderIds`, or part of
    // one of `announcementIds` (a manager's teams' announcements, whoever sent them).
    if (
      scope.senderIds &&
      !(d.senderId !== null && scope.senderIds.includes(d.senderId)) &&
      !(d.announcementId !== null && scope.announcementIds?.includes(d.announcementId))
    )
      return false;
    // Fail closed: a kind-scoped viewer sees nothing whose kind the notice does not carry.
    const kind = (d as { kind?: string }).kind;
    if (scope.kinds && !(kind !== undefined && scope.kinds.includes(kind))) return false;
    return true;
  });
  return deliveries.length ? { ...n, deliveries } : null;
}
