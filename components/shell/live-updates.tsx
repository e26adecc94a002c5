"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, useTransition } from "react";
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

interface LiveState {
  connected: boolean;
  /** When the last notice arrived (client clock), for "updated x s ago". */
  lastAt: number | null;
  subscribe(l: Listener): () => void;
}

const LiveContext = createContext<LiveState>({ connected: false, lastAt: null, subscribe: () => () => {} });

const COALESCE_MS = 1_000;

export function LiveUpdates({ children }: { children: React.ReactNode }) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [lastAt, setLastAt] = useState<number | null>(null);
  const listeners = useRef(new Set<Listener>());

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
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(es.readyState === EventSource.OPEN);
    es.addEventListener("receipts", (e) => {
      setLastAt(Date.now());
      try {
        const notice = JSON.parse((e as MessageEvent<string>).data) as LiveNotice;
        for (const l of listeners.current) l(notice);
      } catch {
        // a frame we cannot read still means "something changed"
      }
      schedule();
    });
    es.addEventListener("reset", schedule);
    return () => {
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, [qc]);

  const value: LiveState = {
    connected,
    lastAt,
    subscribe: (l) => {
      listeners.current.add(l);
      return () => void listeners.current.delete(l);
    },
  };
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** Connection state for a "Live" badge. */
export function useLiveStatus(): Pick<LiveState, "connected" | "lastAt"> {
  const { connected, lastAt } = useContext(LiveContext);
  return { connected, lastAt };
}

/** Every receipt notice this viewer may see, as it arrives (e.g. for an activity feed). */
export function useLiveNotices(listener: Listener): void {
  const { subscribe } = useContext(LiveContext);
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => subscribe((n) => ref.current(n)), [subscribe]);
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
