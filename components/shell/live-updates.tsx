"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { API_KEY } from "@/lib/ui/use-api-query";

// One EventSource per signed-in tab on GET /api/v1/stream (which only sends what this viewer may
// see). Each receipt notice refreshes the open API queries: the first at once, the rest of a burst
// coalesced into one refresh per second, so a busy workspace costs at most one refetch per query
// per second and an open page still changes within a second of the webhook's 2xx. The browser
// reconnects by itself and resumes with Last-Event-ID; `reset` (the server could not resume) just
// refreshes everything.

export interface LiveDelivery {
  messageId: string;
  recipientId: string;
  status: string;
  senderId: string | null;
  conversationId: string | null;
  campaignId: string | null;
  announcementId: string | null;
}

export interface LiveNotice {
  at: string;
  deliveries: LiveDelivery[];
}

type Listener = (n: LiveNotice) => void;

// The context carries one store object that never changes; the connection state reaches the
// components that show it through useSyncExternalStore. A changing context value above the page
// would make React client-render any Suspense boundary still waiting to hydrate (the stream opens
// during hydration), leaving the page in the DOM twice until the server's copy is swapped in.
class LiveStore {
  private connected = false;
  private readonly statusListeners = new Set<() => void>();
  private readonly noticeListeners = new Set<Listener>();

  setConnected(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    for (const l of this.statusListeners) l();
  }

  publish(notice: LiveNotice): void {
    for (const l of this.noticeListeners) l(notice);
  }

  readonly isConnected = (): boolean => this.connected;

  readonly subscribeStatus = (l: () => void): (() => void) => {
    this.statusListeners.add(l);
    return () => void this.statusListeners.delete(l);
  };

  readonly subscribeNotices = (l: Listener): (() => void) => {
    this.noticeListeners.add(l);
    return () => void this.noticeListeners.delete(l);
  };
}

const LiveContext = createContext<LiveStore>(new LiveStore());

const COALESCE_MS = 1_000;

export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const qc = useQueryClient();
  const [store] = useState(() => new LiveStore());

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      last = Date.now();
      timer = null;
      // Queries marked `meta: { live: false }` (lists whose every read is audited) are left alone.
      void qc.invalidateQueries({ queryKey: [API_KEY], predicate: (q) => q.meta?.live !== false });
    };
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, last + COALESCE_MS - Date.now());
      timer = setTimeout(refresh, wait);
    };
    const es = new EventSource("/api/v1/stream");
    es.onopen = () => store.setConnected(true);
    es.onerror = () => store.setConnected(es.readyState === EventSource.OPEN);
    es.addEventListener("receipts", (e) => {
      try {
        store.publish(JSON.parse((e as MessageEvent<string>).data) as LiveNotice);
      } catch {
        // a frame we cannot read still means "something changed"
      }
      schedule();
    });
    es.addEventListener("reset", schedule);
    return () => {
      es.close();
      store.setConnected(false);
      if (timer) clearTimeout(timer);
    };
  }, [qc, store]);

  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

const disconnected = () => false;

/** Whether the receipt stream is connected, for a "Live" badge. */
export function useLiveConnected(): boolean {
  const store = useContext(LiveContext);
  return useSyncExternalStore(store.subscribeStatus, store.isConnected, disconnected);
}

/** Every receipt notice this viewer may see, as it arrives (e.g. for an activity feed). */
export function useLiveNotices(listener: Listener): void {
  const store = useContext(LiveContext);
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => store.subscribeNotices((n) => ref.current(n)), [store]);
}

/**
 * For server-rendered pages (the message page): re-render on receipt notices, coalesced to one
 * refresh per second and never while the previous refresh is still rendering.
 */
export function RefreshOnLive() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    busy.current = pending;
  }, [pending]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useLiveNotices(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      if (!busy.current) startTransition(() => router.refresh());
    }, COALESCE_MS);
  });
  return null;
}
